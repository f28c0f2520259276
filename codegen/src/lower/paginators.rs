//! `@paginated`: the operation's values over the service's defaults, each member path resolved
//! once against the lowered input and output into field indices, so neither the emitter nor the
//! runtime ever looks a member up by name.

use super::Lowerer;
use crate::diagnostics::Diagnostic;
use crate::ir::{NamedKind, Paginator, PaginatorItems, Structure, Type, TypeDef, TypeId};
use crate::model::ShapeId;
use crate::naming;
use crate::traits::PAGINATED;

const HINT: &str = "`inputToken` and `pageSize` name members of the operation's input, `outputToken` and `items` members of its output \
                    (or `.`-separated paths through nested structures); the service's `@paginated` gives defaults for what the operation leaves out";

/// Which end of the operation a property names a member of.
#[derive(Clone, Copy)]
enum End {
    Input,
    Output,
}

impl Lowerer<'_> {
    /// The paginator of operation `id`, whose lowered input and output are `input` and `output`;
    /// `None` when it has no `@paginated` or the trait does not resolve (then with a diagnostic).
    pub(super) fn paginator(&mut self, id: &ShapeId, input: TypeId, output: TypeId) -> Option<Paginator> {
        let own = self.traits.get(id).paginated.as_ref()?;
        let service = self.service().and_then(|s| self.traits.get(s).paginated.as_ref());
        let merged = own.merged(service);
        let (resolved, problems) = self.resolve_paginator(id, &merged, input, output);
        let source = self.source(id);
        for problem in problems {
            self.push(problem.shape(id.as_str()).file(source.clone()));
        }
        resolved
    }

    fn resolve_paginator(
        &self,
        id: &ShapeId,
        merged: &crate::traits::Paginated,
        input: TypeId,
        output: TypeId,
    ) -> (Option<Paginator>, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut resolve = |property: &str, path: Option<&String>, end: End, required: bool| -> Option<(Vec<usize>, Type)> {
            let Some(path) = path else {
                if required {
                    problems.push(
                        Diagnostic::error("InvalidPaginated", format!("`{PAGINATED}` has no `{property}`, neither on the operation nor on its service"))
                            .hint(HINT),
                    );
                }
                return None;
            };
            let from = match end {
                End::Input => input,
                End::Output => output,
            };
            if matches!(end, End::Input) && path.contains('.') {
                problems.push(
                    Diagnostic::error("InvalidPaginated", format!("`{PAGINATED}` `{property}` is the path `{path}`, but it must name a member of the input itself"))
                        .hint(HINT),
                );
                return None;
            }
            match self.resolve_path(from, path) {
                Ok(found) => Some(found),
                Err(why) => {
                    problems.push(Diagnostic::error("InvalidPaginated", format!("`{PAGINATED}` `{property}` is `{path}`, but {why}")).hint(HINT));
                    None
                }
            }
        };
        let input_token = resolve("inputToken", merged.input_token.as_ref(), End::Input, true);
        let output_token = resolve("outputToken", merged.output_token.as_ref(), End::Output, true);
        let page_size = resolve("pageSize", merged.page_size.as_ref(), End::Input, false);
        let items = resolve("items", merged.items.as_ref(), End::Output, false);
        let mut unsupported = Vec::new();
        let mut wrong = |property: &str, ty: &Type, expected: &str| {
            problems.push(
                Diagnostic::error("InvalidPaginated", format!("`{PAGINATED}` `{property}` names a member of type `{}`, but it must target {expected}", describe(ty)))
                    .hint(HINT),
            );
        };
        for (property, token) in [("inputToken", &input_token), ("outputToken", &output_token)] {
            match token.as_ref().map(|(_, ty)| ty) {
                None | Some(Type::String) => {}
                // Smithy allows (and discourages) map tokens; only DynamoDB's Query and Scan use them.
                Some(Type::Map { .. }) => unsupported.push(property),
                Some(other) => wrong(property, other, "a string"),
            }
        }
        if let Some((_, ty)) = &page_size {
            if !matches!(ty, Type::I8 | Type::I16 | Type::I32 | Type::I64) {
                wrong("pageSize", ty, "an integer (byte, short, integer or long)");
            }
        }
        if let Some((_, ty)) = &items {
            if !matches!(ty, Type::List { .. } | Type::Map { .. }) {
                wrong("items", ty, "a list or a map");
            }
        }
        let failed = problems.iter().any(|p| p.severity == crate::diagnostics::Severity::Error);
        if !unsupported.is_empty() && !failed {
            problems.push(
                Diagnostic::warning(
                    "PaginatorUnsupported",
                    format!("`{PAGINATED}` `{}` targets a map; only string tokens are paged through, so the operation gets no paginator", unsupported.join("` and `")),
                )
                .hint("call the operation in a loop, sending each response's token with the next request"),
            );
        }
        let (Some((input_token, _)), Some((output_token, _)), false, true) = (input_token, output_token, failed, unsupported.is_empty()) else {
            return (None, problems);
        };
        let paginator = Paginator {
            ident: naming::paginator(id.name()),
            input_token: input_token[0],
            output_token,
            page_size: page_size.map(|(path, _)| path[0]),
            items: items.map(|(path, _)| PaginatorItems { ident: naming::paginator_items(id.name()), path }),
        };
        (Some(paginator), problems)
    }

    /// The field indices of `path` (`Result.NextToken`) from structure `from`, and the type of its
    /// last member; or why it does not resolve.
    fn resolve_path(&self, from: TypeId, path: &str) -> Result<(Vec<usize>, Type), String> {
        let mut at = self.lowered_structure(from).ok_or_else(|| "the operation has no such structure".to_string())?;
        let mut indices = Vec::new();
        let segments: Vec<&str> = path.split('.').collect();
        for (n, segment) in segments.iter().enumerate() {
            let index = at.fields.iter().position(|f| f.member == *segment).ok_or_else(|| {
                format!("`{}` ({}) has no member `{segment}`", at.name.ident, at.shape_id)
            })?;
            indices.push(index);
            let ty = &at.fields[index].ty;
            if n + 1 == segments.len() {
                return Ok((indices, ty.clone()));
            }
            at = match ty {
                Type::Named { id, kind: NamedKind::Structure, .. } => self.lowered_structure(*id),
                _ => None,
            }
            .ok_or_else(|| format!("`{segment}` of `{}` is not a structure, so it has no member `{}`", at.name.ident, segments[n + 1]))?;
        }
        Err("it is empty".to_string())
    }

    fn lowered_structure(&self, id: TypeId) -> Option<&Structure> {
        match self.types.get(id) {
            Some(Some(TypeDef::Structure(s))) => Some(s),
            _ => None,
        }
    }
}

fn describe(ty: &Type) -> &'static str {
    match ty {
        Type::String => "string",
        Type::Bool => "boolean",
        Type::I8 => "byte",
        Type::I16 => "short",
        Type::I32 => "integer",
        Type::I64 => "long",
        Type::F32 => "float",
        Type::F64 => "double",
        Type::BigInteger => "bigInteger",
        Type::BigDecimal => "bigDecimal",
        Type::Blob => "blob",
        Type::Timestamp => "timestamp",
        Type::Document => "document",
        Type::Named { kind: NamedKind::Structure, .. } => "structure",
        Type::Named { kind: NamedKind::Union, .. } => "union",
        Type::Named { kind: NamedKind::Enum, .. } => "enum",
        Type::Named { kind: NamedKind::IntEnum, .. } => "intEnum",
        Type::List { .. } => "list",
        Type::Map { .. } => "map",
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Selection;
    use crate::diagnostics::{Diagnostics, Severity};
    use crate::ir::{Crate, Paginator, PaginatorItems};

    /// A service (awsJson1_0, so no `@http` is needed) with `service` as its `@paginated` (or
    /// none) and one operation `List` with `operation` as its own.
    fn model(service: Option<&str>, operation: &str) -> String {
        let service = service.map(|p| format!(r#", "smithy.api#paginated": {p}"#)).unwrap_or_default();
        format!(
            r#"{{"smithy": "2.0", "shapes": {{
                "ex#Service": {{"type": "service", "version": "2024-01-01", "operations": [{{"target": "ex#List"}}],
                    "traits": {{"aws.auth#sigv4": {{"name": "ex"}}, "aws.protocols#awsJson1_0": {{}}{service}}}}},
                "ex#List": {{"type": "operation", "input": {{"target": "ex#ListInput"}}, "output": {{"target": "ex#ListOutput"}},
                    "traits": {{"smithy.api#paginated": {operation}}}}},
                "ex#ListInput": {{"type": "structure", "members": {{
                    "Filter": {{"target": "smithy.api#String"}},
                    "NextToken": {{"target": "smithy.api#String"}},
                    "Marker": {{"target": "smithy.api#String"}},
                    "MaxResults": {{"target": "smithy.api#Integer"}},
                    "Start": {{"target": "ex#Key"}}
                }}}},
                "ex#ListOutput": {{"type": "structure", "members": {{
                    "Count": {{"target": "smithy.api#Integer"}},
                    "NextToken": {{"target": "smithy.api#String"}},
                    "Result": {{"target": "ex#Result"}},
                    "Last": {{"target": "ex#Key"}}
                }}}},
                "ex#Result": {{"type": "structure", "members": {{
                    "Items": {{"target": "ex#Names"}},
                    "NextMarker": {{"target": "smithy.api#String"}}
                }}}},
                "ex#Names": {{"type": "list", "member": {{"target": "smithy.api#String"}}}},
                "ex#Key": {{"type": "map", "key": {{"target": "smithy.api#String"}}, "value": {{"target": "smithy.api#String"}}}}
            }}}}"#
        )
    }

    fn lower(model: &str, client: bool) -> Result<(Crate, Diagnostics), Diagnostics> {
        let mut request = crate::Request::from_model("m.json", model, Selection::All);
        request.settings.client = client;
        crate::lower_request(&request)
    }

    fn paginator(service: Option<&str>, operation: &str) -> (Option<Paginator>, Diagnostics) {
        let (krate, warnings) = lower(&model(service, operation), true).unwrap_or_else(|d| panic!("{d}"));
        (krate.operations[0].paginator.clone(), warnings)
    }

    fn errors(service: Option<&str>, operation: &str) -> Vec<String> {
        let diagnostics = lower(&model(service, operation), true).expect_err("errors");
        diagnostics
            .0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| {
                assert_eq!(d.shape.as_deref(), Some("ex#List"), "{d}");
                assert!(d.hint.as_deref().is_some_and(|h| h.contains("`.`-separated paths")), "{d}");
                format!("{}: {}", d.code, d.message)
            })
            .collect()
    }

    #[test]
    fn the_service_gives_defaults_and_the_operation_overrides_them() {
        let (merged, warnings) = paginator(Some(r#"{"inputToken": "NextToken", "outputToken": "NextToken", "pageSize": "MaxResults"}"#), r#"{"items": "Result.Items"}"#);
        let expected = Paginator {
            ident: "ListPaginator".into(),
            input_token: 1,
            output_token: vec![1],
            page_size: Some(3),
            items: Some(PaginatorItems { ident: "ListPaginatorItems".into(), path: vec![2, 0] }),
        };
        assert_eq!(merged, Some(expected));
        assert!(warnings.is_empty(), "{warnings}");
        let (own, _) = paginator(
            Some(r#"{"inputToken": "NextToken", "outputToken": "NextToken", "pageSize": "MaxResults"}"#),
            r#"{"inputToken": "Marker", "outputToken": "Result.NextMarker"}"#,
        );
        let own = own.expect("a paginator");
        assert_eq!((own.input_token, own.output_token, own.page_size, own.items), (2, vec![2, 1], Some(3), None));
        let (alone, _) = paginator(None, r#"{"inputToken": "NextToken", "outputToken": "NextToken"}"#);
        assert_eq!(alone.map(|p| (p.page_size, p.items)), Some((None, None)));
    }

    #[test]
    fn paths_that_do_not_resolve_are_errors_naming_the_operation() {
        let tokens = r#""inputToken": "NextToken", "outputToken": "NextToken""#;
        assert_eq!(
            errors(None, r#"{"inputToken": "NextToken", "outputToken": "Result.Missing"}"#),
            ["InvalidPaginated: `smithy.api#paginated` `outputToken` is `Result.Missing`, but `Result` (ex#Result) has no member `Missing`"]
        );
        assert_eq!(
            errors(None, &format!(r#"{{{tokens}, "items": "Count.Items"}}"#)),
            ["InvalidPaginated: `smithy.api#paginated` `items` is `Count.Items`, but `Count` of `ListOutput` is not a structure, so it has no member `Items`"]
        );
        assert_eq!(
            errors(None, r#"{"outputToken": "NextToken"}"#),
            ["InvalidPaginated: `smithy.api#paginated` has no `inputToken`, neither on the operation nor on its service"]
        );
        assert_eq!(
            errors(None, &format!(r#"{{{tokens}, "pageSize": "Result.Size"}}"#)),
            ["InvalidPaginated: `smithy.api#paginated` `pageSize` is the path `Result.Size`, but it must name a member of the input itself"]
        );
        assert_eq!(
            errors(None, r#"{"inputToken": "MaxResults", "outputToken": "NextToken", "pageSize": "Filter", "items": "Count"}"#),
            [
                "InvalidPaginated: `smithy.api#paginated` `inputToken` names a member of type `integer`, but it must target a string",
                "InvalidPaginated: `smithy.api#paginated` `pageSize` names a member of type `string`, but it must target an integer (byte, short, integer or long)",
                "InvalidPaginated: `smithy.api#paginated` `items` names a member of type `integer`, but it must target a list or a map",
            ]
        );
        // A service default that does not fit the operation is reported on the operation.
        assert_eq!(
            errors(Some(r#"{"inputToken": "Token"}"#), r#"{"outputToken": "NextToken"}"#),
            ["InvalidPaginated: `smithy.api#paginated` `inputToken` is `Token`, but `ListInput` (ex#ListInput) has no member `Token`"]
        );
    }

    #[test]
    fn map_tokens_are_a_warning_and_no_paginator() {
        let (none, warnings) = paginator(None, r#"{"inputToken": "Start", "outputToken": "Last"}"#);
        assert_eq!(none, None);
        let [warning] = &warnings.0[..] else { panic!("one warning: {warnings}") };
        assert_eq!((warning.code, warning.severity, warning.shape.as_deref()), ("PaginatorUnsupported", Severity::Warning, Some("ex#List")));
        assert!(warning.message.contains("`inputToken` and `outputToken` targets a map"), "{warning}");
    }

    #[test]
    fn without_the_client_nothing_is_resolved() {
        let model = model(None, r#"{"inputToken": "Missing", "outputToken": "Missing"}"#);
        let (krate, warnings) = lower(&model, false).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(krate.operations[0].paginator, None);
        assert!(warnings.is_empty(), "{warnings}");
    }
}
