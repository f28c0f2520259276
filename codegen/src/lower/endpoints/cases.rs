//! The cases of `smithy.rules#endpointTests`: the parameters each sets, typed, and what it
//! expects, with the name of its test function.

use serde_json::Value;

use super::parameters::{Declared, param_value};
use super::{Report, TEST_INVALID, child, number};
use crate::ir::Ident;
use crate::ir::endpoints::{Document, ExpectedEndpoint, Expectation, ParamType, ParamValue, TestCase};
use crate::naming;

/// The test cases; `names_known` says the parameters are declared, so a case setting another
/// name is worth a report.
pub(super) fn lower(tests: Option<&Value>, declared: &[Declared], names_known: bool, report: &mut Report) -> Option<Vec<TestCase>> {
    let Some(tests) = tests else { return Some(Vec::new()) };
    let Some(object) = tests.as_object() else {
        report.test("", "`smithy.rules#endpointTests` is not an object", "write the trait as an object with `version` and `testCases`");
        return None;
    };
    let cases: &[Value] = match object.get("testCases") {
        None => &[],
        Some(Value::Array(cases)) => cases,
        Some(_) => {
            report.test("/testCases", "`testCases` of `smithy.rules#endpointTests` is not an array", "write the cases as an array of objects with `params` and `expect`");
            return None;
        }
    };
    let width = cases.len().saturating_sub(1).to_string().len();
    let lowered: Vec<Option<TestCase>> = cases.iter().enumerate().map(|(i, case)| test_case(i, width, case, declared, names_known, report)).collect();
    lowered.into_iter().collect()
}

fn test_case(index: usize, width: usize, case: &Value, declared: &[Declared], names_known: bool, report: &mut Report) -> Option<TestCase> {
    let at = child("/testCases", index);
    let Some(case) = case.as_object() else {
        report.test(&at, format!("the test case at {at} is not an object"), "write the case as an object with `params` and `expect`");
        return None;
    };
    let mut valid = true;
    let mut params = Vec::new();
    if let Some(values) = case.get("params").filter(|p| !p.is_null()) {
        let params_at = child(&at, "params");
        match values.as_object() {
            Some(values) => {
                for (name, value) in values {
                    match param(name, value, &at, &child(&params_at, name), declared, names_known, report) {
                        Ok(Some(param)) => params.push(param),
                        Ok(None) => {}
                        Err(()) => valid = false,
                    }
                }
            }
            None => {
                report.test(&params_at, format!("`params` of the test case at {at} is not an object"), "write the parameters as an object from name to value");
                valid = false;
            }
        }
    }
    let expect = match case.get("expect").and_then(Value::as_object) {
        Some(expect) => expectation(expect, &at, report),
        None => {
            report.test(&at, format!("the test case at {at} has no `expect` object"), r#"say what the case expects: `"expect": {"endpoint": {"url": ".."}}` or `"expect": {"error": ".."}`"#);
            None
        }
    };
    let expect = expect.filter(|_| valid)?;
    let documentation = case.get("documentation").and_then(Value::as_str).map(str::to_string);
    let name = test_name(index, width, declared, &params, matches!(expect, Expectation::Error(_)));
    // `operationInputs` need the operations' types: `Lowerer::endpoint_bindings` reads them.
    Some(TestCase { name, documentation, params, operation_inputs: Vec::new(), expect })
}

/// One parameter a case sets: `Ok(None)` for `null` (left unset) and for a parameter whose
/// declaration is invalid (reported with the rule set).
fn param(
    name: &str,
    value: &Value,
    case_at: &str,
    at: &str,
    declared: &[Declared],
    names_known: bool,
    report: &mut Report,
) -> Result<Option<(usize, ParamValue)>, ()> {
    let Some(index) = declared.iter().position(|d| d.name == name) else {
        if !names_known {
            return Err(());
        }
        report.test(
            at,
            format!("the test case at {case_at} sets `{name}`, which is not a parameter of the rule set"),
            "set only parameters the rule set declares (names are case-sensitive)",
        );
        return Err(());
    };
    let Some(parameter) = &declared[index].parameter else { return Ok(None) };
    if value.is_null() {
        return Ok(None);
    }
    match param_value(parameter.ty, value) {
        Some(value) => Ok(Some((index, value))),
        None => {
            let kind = match parameter.ty {
                ParamType::String => "a string",
                ParamType::Boolean => "a boolean",
                ParamType::StringArray => "an array of strings",
            };
            report.test(at, format!("the test case at {case_at} sets `{name}` to {value}, which does not fit its type"), format!("`{name}` takes {kind}"));
            Err(())
        }
    }
}

fn expectation(expect: &serde_json::Map<String, Value>, at: &str, report: &mut Report) -> Option<Expectation> {
    let expect_at = child(at, "expect");
    if let Some(message) = expect.get("error") {
        let Some(message) = message.as_str() else {
            report.test(&child(&expect_at, "error"), format!("the expected error of the test case at {at} is not a string"), "write the expected error message as a string");
            return None;
        };
        return Some(Expectation::Error(message.to_string()));
    }
    let Some(endpoint) = expect.get("endpoint") else {
        report.test(&expect_at, format!("the test case at {at} expects neither an endpoint nor an error"), "expect an `endpoint` with a `url`, or an `error` message");
        return None;
    };
    let endpoint_at = child(&expect_at, "endpoint");
    let url = endpoint.get("url").and_then(Value::as_str).map(str::to_string);
    if url.is_none() {
        report.test(&endpoint_at, format!("the expected endpoint of the test case at {at} has no URL"), "give the expected endpoint a `url` string");
    }
    let headers = expected_headers(endpoint.get("headers"), at, &child(&endpoint_at, "headers"), report);
    let properties = match endpoint.get("properties").filter(|p| !p.is_null()) {
        None => Some(Vec::new()),
        Some(Value::Object(map)) => {
            let properties_at = child(&endpoint_at, "properties");
            let properties: Vec<_> =
                map.iter().map(|(name, value)| Some((name.clone(), document(value, &child(&properties_at, name), report)?))).collect();
            properties.into_iter().collect()
        }
        Some(_) => {
            report.test(&child(&endpoint_at, "properties"), format!("the expected properties of the test case at {at} are not an object"), "write the properties as an object from name to value");
            None
        }
    };
    Some(Expectation::Endpoint(ExpectedEndpoint { url: url?, headers: headers?, properties: properties? }))
}

fn expected_headers(headers: Option<&Value>, case_at: &str, at: &str, report: &mut Report) -> Option<Vec<(String, Vec<String>)>> {
    let Some(headers) = headers.filter(|h| !h.is_null()) else { return Some(Vec::new()) };
    let Some(map) = headers.as_object() else {
        report.test(at, format!("the expected headers of the test case at {case_at} are not an object"), "write the headers as an object from header name to an array of values");
        return None;
    };
    let mut valid = true;
    let mut out = Vec::new();
    for (name, values) in map {
        let strings = values.as_array().and_then(|values| values.iter().map(|v| v.as_str().map(str::to_string)).collect::<Option<Vec<_>>>());
        match strings {
            Some(strings) => out.push((name.clone(), strings)),
            None => {
                report.test(&child(at, name), format!("the expected header `{name}` of the test case at {case_at} is not an array of strings"), "write a header's values as an array of strings");
                valid = false;
            }
        }
    }
    valid.then_some(out)
}

fn document(value: &Value, at: &str, report: &mut Report) -> Option<Document<String>> {
    Some(match value {
        Value::Null => Document::Null,
        Value::Bool(b) => Document::Bool(*b),
        Value::Number(n) => Document::Number(number(n, at, report, TEST_INVALID)?),
        Value::String(s) => Document::String(s.clone()),
        Value::Array(items) => {
            let items: Vec<_> = items.iter().enumerate().map(|(i, item)| document(item, &child(at, i), report)).collect();
            Document::Array(items.into_iter().collect::<Option<_>>()?)
        }
        Value::Object(entries) => {
            let entries: Vec<_> = entries.iter().map(|(key, item)| Some((key.clone(), document(item, &child(at, key), report)?))).collect();
            Document::Object(entries.into_iter().collect::<Option<_>>()?)
        }
    })
}

/// `case_07_region_us_east_1_use_fips`: the case's position keeps names unique and ordered; its
/// parameters (string values, booleans that are set, array lengths) describe it. Names never
/// come from the case's documentation, so models that word their documentation differently
/// generate the same code.
fn test_name(index: usize, width: usize, declared: &[Declared], values: &[(usize, ParamValue)], error: bool) -> Ident {
    let mut words = Vec::new();
    for (position, declared) in declared.iter().enumerate() {
        let (Some(parameter), Some((_, value))) = (&declared.parameter, values.iter().find(|(i, _)| *i == position)) else { continue };
        let field = &parameter.field.name;
        match value {
            ParamValue::String(s) => words.push(format!("{field}_{}", naming::to_snake(s))),
            ParamValue::Boolean(true) => words.push(field.clone()),
            ParamValue::StringArray(items) => words.push(format!("{field}_{}", items.len())),
            ParamValue::Boolean(false) => {}
        }
    }
    if error {
        words.push("error".to_string());
    }
    let mut name = format!("case_{index:0width$}");
    for word in words.join("_").split('_').filter(|w| !w.is_empty()) {
        if name.len() + word.len() + 1 > 80 {
            break;
        }
        name.push('_');
        name.push_str(word);
    }
    Ident::plain(name)
}
