//! Smithy 2.0 JSON AST files -> [`Model`], collecting every problem instead of stopping at the first.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde_json::{Map, Value};

use super::{prelude, Member, Model, Relations, Shape, ShapeId, ShapeType, Traits};
use crate::diagnostics::{pointer_segment, Diagnostic, Diagnostics};

/// One model document and the name to report problems under.
pub struct ModelSource {
    pub name: String,
    pub text: String,
}

/// Read and assemble model files; I/O errors are reported as diagnostics like any other problem.
pub fn load_files(paths: &[impl AsRef<Path>]) -> Result<(Model, Diagnostics), Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut sources = Vec::new();
    for path in paths {
        let path = path.as_ref();
        match std::fs::read_to_string(path) {
            Ok(text) => sources.push(ModelSource { name: path.display().to_string(), text }),
            Err(err) => diagnostics.push(
                Diagnostic::error("ModelUnreadable", format!("cannot read the model: {err}"))
                    .file(path.display().to_string())
                    .hint("check the path given with --model or in the codegen config"),
            ),
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    load_sources(&sources)
}

/// Assemble a single in-memory document (tests and fixtures).
pub fn load_str(name: &str, text: &str) -> Result<(Model, Diagnostics), Diagnostics> {
    load_sources(&[ModelSource { name: name.to_string(), text: text.to_string() }])
}

/// Assemble documents into one model. `Ok` carries warnings; `Err` carries at least one error.
pub fn load_sources(sources: &[ModelSource]) -> Result<(Model, Diagnostics), Diagnostics> {
    let (model, diagnostics) = assemble(sources);
    if diagnostics.has_errors() { Err(diagnostics) } else { Ok((model, diagnostics)) }
}

/// Assemble what can be assembled even when there are errors, so later checks can report their
/// problems in the same run (unreadable documents and broken shapes are left out).
pub fn assemble(sources: &[ModelSource]) -> (Model, Diagnostics) {
    let mut loader = Loader::default();
    for source in sources {
        loader.document(source);
    }
    loader.finish()
}

/// A shape as written, before mixins and `apply` are resolved.
struct RawShape {
    shape: Shape,
    mixins: Vec<ShapeId>,
}

struct PendingApply {
    target: ShapeId,
    traits: Traits,
    file: String,
}

#[derive(Default)]
struct Loader {
    shapes: BTreeMap<ShapeId, RawShape>,
    applies: Vec<PendingApply>,
    metadata: BTreeMap<String, Value>,
    diagnostics: Diagnostics,
    /// Members of the shapes resolved so far, mixed-in copies included.
    members_resolved: usize,
    /// Roughly how many bytes of members and trait values mixins have copied so far.
    bytes_copied: usize,
    /// `ModelTooLarge` is reported once, where a limit is first passed.
    too_large: bool,
}

/// Members a model may hold once mixins are copied in: ten times the largest AWS model, but a
/// hostile chain of mixins (each copying every member below it) grows as the square of its
/// length, and 2,000 links of a 320 KB file made 2,000,000 members in 900 MB.
pub const MAX_RESOLVED_MEMBERS: usize = 200_000;

/// Bytes (roughly: strings plus a fixed cost per value) that mixins may copy into the shapes
/// using them. Members are not all alike: 300 enum mixins over 2,600 values held 290 MB within
/// the member limit, and 200 mixins over a 1 MiB `@documentation` copied it 200 times.
pub const MAX_MIXIN_COPY_BYTES: usize = 32 << 20;

/// A JSON value's rough size in memory (iterative: trait values can nest deeply). The fixed
/// costs stand for the value, its allocation and its map entry, measured against the RSS of
/// chains of enum mixins.
fn weight(value: &Value) -> usize {
    let mut total = 0;
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        total += 96;
        match value {
            Value::String(s) => total += s.len(),
            Value::Array(items) => stack.extend(items),
            Value::Object(entries) => {
                for (key, item) in entries {
                    total += key.len();
                    stack.push(item);
                }
            }
            _ => {}
        }
    }
    total
}

fn traits_weight(traits: &Traits) -> usize {
    traits.iter().map(|(key, value)| key.len() + weight(value)).sum()
}

fn member_weight(member: &Member) -> usize {
    192 + member.name.len() + member.target.as_str().len() + traits_weight(&member.traits)
}

/// Where a value sits, for messages: file plus JSON pointer plus the shape it belongs to. The
/// pointer is a chain of borrowed segments, spelled out only when a problem is reported.
#[derive(Clone, Copy)]
struct At<'a> {
    file: &'a str,
    /// The enclosing value and this value's key in it; `None` for the document itself.
    parent: Option<(&'a At<'a>, Segment<'a>)>,
    shape: Option<&'a str>,
}

/// One step of a JSON pointer: an object key or an array index.
#[derive(Clone, Copy)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

impl<'a> At<'a> {
    fn document(file: &'a str) -> At<'a> {
        At { file, parent: None, shape: None }
    }

    fn child<'b>(&'b self, key: &'b str) -> At<'b> {
        At { file: self.file, parent: Some((self, Segment::Key(key))), shape: self.shape }
    }

    fn index(&self, index: usize) -> At<'_> {
        At { file: self.file, parent: Some((self, Segment::Index(index))), shape: self.shape }
    }

    fn pointer(&self) -> String {
        let mut segments = Vec::new();
        let mut at = self;
        while let Some((parent, segment)) = &at.parent {
            segments.push(*segment);
            at = parent;
        }
        let mut pointer = String::new();
        for segment in segments.iter().rev() {
            pointer.push('/');
            match segment {
                Segment::Key(key) => pointer.push_str(&pointer_segment(key)),
                Segment::Index(index) => pointer.push_str(&index.to_string()),
            }
        }
        pointer
    }

    fn error(&self, code: &'static str, message: impl Into<String>) -> Diagnostic {
        let mut d = Diagnostic::error(code, message).file(self.file).pointer(self.pointer());
        if let Some(shape) = self.shape {
            d = d.shape(shape);
        }
        d
    }
}

impl Loader {
    fn document(&mut self, source: &ModelSource) {
        let file = source.name.as_str();
        // The document is taken apart as it is read: trait values move into the model uncopied.
        let mut root: Value = match serde_json::from_str(&source.text) {
            Ok(value) => value,
            Err(err) => {
                self.diagnostics.push(
                    Diagnostic::error("InvalidJson", format!("not valid JSON: {err}"))
                        .file(file)
                        .hint("a Smithy JSON AST file is one JSON object; fix the syntax at the line and column given"),
                );
                return;
            }
        };
        let at = At::document(file);
        let Some(root) = root.as_object_mut() else {
            self.diagnostics.push(at.error("InvalidModel", "the document is not a JSON object"));
            return;
        };
        match root.get("smithy").and_then(Value::as_str) {
            Some(v) if v == "2.0" || v == "2" || v.starts_with("1.") || v == "1" => {}
            Some(v) => self.diagnostics.push(
                at.child("smithy")
                    .error("UnsupportedVersion", format!("Smithy IDL version `{v}` is not supported"))
                    .hint("use a Smithy 2.0 JSON AST (\"smithy\": \"2.0\")"),
            ),
            None => self.diagnostics.push(
                at.child("smithy")
                    .error("InvalidModel", "missing the `smithy` version string")
                    .hint("add \"smithy\": \"2.0\" at the top level"),
            ),
        }
        if let Some(metadata) = root.remove("metadata") {
            match metadata {
                Value::Object(entries) => {
                    for (key, value) in entries {
                        self.merge_metadata(&key, value, &at.child("metadata").child(&key));
                    }
                }
                _ => self.diagnostics.push(at.child("metadata").error("InvalidModel", "`metadata` must be an object")),
            }
        }
        let Some(shapes) = root.remove("shapes") else { return };
        let Value::Object(shapes) = shapes else {
            self.diagnostics.push(at.child("shapes").error("InvalidModel", "`shapes` must be an object"));
            return;
        };
        let shapes_at = at.child("shapes");
        for (id_text, body) in shapes {
            let at = At { shape: Some(&id_text), ..shapes_at.child(&id_text) };
            let Some(id) = ShapeId::parse(&id_text) else {
                self.diagnostics.push(
                    at.error("InvalidShapeId", format!("`{id_text}` is not an absolute shape id"))
                        .hint("shape ids look like `com.example#ShapeName` (`$member` only inside `apply`)"),
                );
                continue;
            };
            self.shape(id, body, &at);
        }
    }

    fn merge_metadata(&mut self, key: &str, value: Value, at: &At<'_>) {
        match (self.metadata.get_mut(key), value) {
            (None, value) => {
                self.metadata.insert(key.to_string(), value);
            }
            // Smithy concatenates array metadata from several files (e.g. `suppressions`).
            (Some(Value::Array(existing)), Value::Array(more)) => existing.extend(more),
            (Some(existing), value) if *existing == value => {}
            (Some(_), _) => self.diagnostics.push(
                at.error("MetadataConflict", format!("metadata key `{key}` is defined twice with different values"))
                    .hint("keep one definition, or make both arrays so they concatenate"),
            ),
        }
    }

    fn shape(&mut self, id: ShapeId, body: Value, at: &At<'_>) {
        let Value::Object(mut body) = body else {
            self.diagnostics.push(at.error("InvalidShape", "a shape must be a JSON object"));
            return;
        };
        let Some(type_name) = body.get("type").and_then(Value::as_str) else {
            self.diagnostics.push(
                at.child("type").error("InvalidShape", "missing or non-string `type`").hint("add e.g. \"type\": \"structure\""),
            );
            return;
        };
        if type_name == "apply" {
            if let Some(traits) = self.traits(body.remove("traits"), &at.child("traits")) {
                self.applies.push(PendingApply { target: id, traits, file: at.file.to_string() });
            }
            return;
        }
        let Some(shape_type) = ShapeType::from_name(type_name) else {
            self.diagnostics.push(
                at.child("type")
                    .error("UnknownShapeType", format!("unknown shape type `{type_name}`"))
                    .hint("Smithy 2.0 types are blob, boolean, string, byte, short, integer, long, float, double, bigInteger, bigDecimal, timestamp, document, enum, intEnum, list, set, map, structure, union, service, operation, resource"),
            );
            return;
        };
        if id.member_name().is_some() {
            self.diagnostics.push(at.error("InvalidShapeId", "only `apply` may target a member id"));
            return;
        }
        let traits = self.traits(body.remove("traits"), &at.child("traits")).unwrap_or_default();
        let members = self.members(shape_type, &mut body, at);
        let mixins = self.targets_list(body.get("mixins"), &at.child("mixins"));
        let relations = self.relations(shape_type, &mut body, at);
        let shape = Shape { id: id.clone(), shape_type, members, traits, relations, source: at.file.to_string() };
        if let Some(existing) = self.shapes.get(&id) {
            // Two files may define the same shape identically (a shared dependency); anything else is a conflict.
            if existing.shape.shape_type != shape.shape_type
                || existing.shape.members != shape.members
                || existing.shape.traits != shape.traits
            {
                self.diagnostics.push(
                    at.error("DuplicateShape", format!("`{id}` is also defined in {} with different content", existing.shape.source))
                        .hint("define each shape once; use `apply` to add traits from another file"),
                );
            }
            return;
        }
        self.shapes.insert(id, RawShape { shape, mixins });
    }

    fn members(&mut self, shape_type: ShapeType, body: &mut Map<String, Value>, at: &At<'_>) -> Vec<Member> {
        let mut members = Vec::new();
        let fixed: &[&str] = match shape_type {
            ShapeType::List | ShapeType::Set => &["member"],
            ShapeType::Map => &["key", "value"],
            _ => &[],
        };
        for name in fixed {
            match body.remove(*name) {
                Some(value) => {
                    if let Some(member) = self.member(name.to_string(), value, &at.child(name)) {
                        members.push(member);
                    }
                }
                None => self.diagnostics.push(
                    at.child(name)
                        .error("MissingMember", format!("a {} shape needs a `{name}` member", shape_type.name()))
                        .hint(format!("add \"{name}\": {{\"target\": \"smithy.api#String\"}}")),
                ),
            }
        }
        if shape_type.has_named_members() {
            match body.remove("members") {
                None => {}
                Some(Value::Object(entries)) => {
                    let at = at.child("members");
                    for (name, value) in entries {
                        let at = at.child(&name);
                        if !super::is_identifier(&name) {
                            self.diagnostics.push(
                                at.error("InvalidMemberName", format!("member name `{name}` is not a Smithy identifier"))
                                    .hint("member names start with a letter or `_` and contain letters, digits and `_`"),
                            );
                            continue;
                        }
                        if let Some(member) = self.member(name.clone(), value, &at) {
                            members.push(member);
                        }
                    }
                }
                Some(_) => self.diagnostics.push(at.child("members").error("InvalidShape", "`members` must be an object")),
            }
        }
        members
    }

    fn member(&mut self, name: String, value: Value, at: &At<'_>) -> Option<Member> {
        let Value::Object(mut object) = value else {
            self.diagnostics.push(at.error("InvalidMember", "a member must be an object with a `target`"));
            return None;
        };
        let target = self.target(object.get("target"), &at.child("target"))?;
        let traits = self.traits(object.remove("traits"), &at.child("traits")).unwrap_or_default();
        Some(Member { name, target, traits })
    }

    fn target(&mut self, value: Option<&Value>, at: &At<'_>) -> Option<ShapeId> {
        match value.and_then(Value::as_str) {
            Some(text) => match ShapeId::parse(text) {
                Some(id) if id.member_name().is_none() => Some(id),
                _ => {
                    self.diagnostics.push(
                        at.error("InvalidShapeId", format!("target `{text}` is not an absolute shape id"))
                            .hint("targets are absolute, e.g. `smithy.api#String`"),
                    );
                    None
                }
            },
            None => {
                self.diagnostics.push(at.error("InvalidTarget", "missing or non-string `target`"));
                None
            }
        }
    }

    /// A `{"target": ...}` reference.
    fn reference(&mut self, value: Option<&Value>, at: &At<'_>) -> Option<ShapeId> {
        let value = value?;
        match value.as_object() {
            Some(object) => self.target(object.get("target"), &at.child("target")),
            None => {
                self.diagnostics.push(at.error("InvalidReference", "expected an object like {\"target\": \"ns#Shape\"}"));
                None
            }
        }
    }

    fn targets_list(&mut self, value: Option<&Value>, at: &At<'_>) -> Vec<ShapeId> {
        let Some(value) = value else { return Vec::new() };
        let Some(items) = value.as_array() else {
            self.diagnostics.push(at.error("InvalidReference", "expected an array of {\"target\": ...} objects"));
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| self.reference(Some(item), &at.index(i)))
            .collect()
    }

    fn traits(&mut self, value: Option<Value>, at: &At<'_>) -> Option<Traits> {
        let Value::Object(entries) = value? else {
            self.diagnostics.push(at.error("InvalidTraits", "`traits` must be an object keyed by trait shape id"));
            return None;
        };
        let mut traits = entries;
        traits.retain(|key, _| {
            let valid = ShapeId::is_valid(key);
            if !valid {
                self.diagnostics.push(
                    at.child(key)
                        .error("InvalidTraitId", format!("trait id `{key}` is not an absolute shape id"))
                        .hint("write prelude traits in full, e.g. `smithy.api#required`"),
                );
            }
            valid
        });
        Some(traits)
    }

    fn relations(&mut self, shape_type: ShapeType, body: &mut Map<String, Value>, at: &At<'_>) -> Relations {
        let mut relations = Relations::default();
        match shape_type {
            ShapeType::Operation => {
                relations.input = self.reference(body.get("input"), &at.child("input"));
                relations.output = self.reference(body.get("output"), &at.child("output"));
                relations.errors = self.targets_list(body.get("errors"), &at.child("errors"));
            }
            ShapeType::Service | ShapeType::Resource => {
                relations.operations = self.targets_list(body.get("operations"), &at.child("operations"));
                relations.resources = self.targets_list(body.get("resources"), &at.child("resources"));
                relations.errors = self.targets_list(body.get("errors"), &at.child("errors"));
                for lifecycle in ["create", "put", "read", "update", "delete", "list"] {
                    if let Some(op) = self.reference(body.get(lifecycle), &at.child(lifecycle)) {
                        relations.operations.push(op);
                    }
                }
                let collection = self.targets_list(body.get("collectionOperations"), &at.child("collectionOperations"));
                relations.operations.extend(collection);
                for key in ["version", "rename", "identifiers", "properties"] {
                    if let Some(value) = body.remove(key) {
                        relations.properties.insert(key.to_string(), value);
                    }
                }
            }
            _ => {}
        }
        relations
    }

    fn finish(mut self) -> (Model, Diagnostics) {
        for shape in prelude::shapes() {
            self.shapes.entry(shape.id.clone()).or_insert(RawShape { shape, mixins: Vec::new() });
        }
        let mut model = Model { shapes: BTreeMap::new(), metadata: std::mem::take(&mut self.metadata) };
        self.resolve_mixins(&mut model);
        self.apply_traits(&mut model);
        check_references(&model, &mut self.diagnostics);
        (model, self.diagnostics)
    }

    /// Copy mixin members and traits into each shape that uses them, mixins before local members.
    /// Each raw shape moves into the model: it leaves `self.shapes` when its resolution starts.
    /// Depth-first with a stack of its own, so no chain of mixins is deep enough to overflow the
    /// thread's stack.
    fn resolve_mixins(&mut self, model: &mut Model) {
        let mut resolved: BTreeMap<ShapeId, Shape> = BTreeMap::new();
        while let Some((id, raw)) = self.shapes.pop_first() {
            // Shapes whose resolution is under way, with their files: a mixin among them closes a cycle.
            let mut visiting: BTreeMap<ShapeId, String> = BTreeMap::new();
            // Each shape under way, with the index of the next of its mixins to look at.
            let mut stack: Vec<(ShapeId, RawShape, usize)> = Vec::new();
            visiting.insert(id.clone(), raw.shape.source.clone());
            stack.push((id, raw, 0));
            while let Some((_, raw, next)) = stack.last_mut() {
                let Some(mixin_id) = raw.mixins.get(*next).cloned() else {
                    if let Some((id, raw, _)) = stack.pop() {
                        self.resolve_raw(id.clone(), raw, &mut resolved, &visiting);
                        visiting.remove(&id);
                    }
                    continue;
                };
                *next += 1;
                if resolved.contains_key(&mixin_id) || self.too_large {
                    continue;
                }
                if let Some(source) = visiting.get(&mixin_id) {
                    self.diagnostics.push(
                        Diagnostic::error("MixinCycle", "mixins form a cycle")
                            .shape(mixin_id.as_str())
                            .file(source.clone())
                            .hint("a shape cannot use itself as a mixin, directly or through other mixins"),
                    );
                    continue;
                }
                if let Some(raw) = self.shapes.remove(&mixin_id) {
                    visiting.insert(mixin_id.clone(), raw.shape.source.clone());
                    stack.push((mixin_id, raw, 0));
                }
            }
        }
        model.shapes = resolved;
    }

    /// Resolve a shape whose mixins are resolved already (or absent, or part of a cycle).
    fn resolve_raw(&mut self, id: ShapeId, raw: RawShape, resolved: &mut BTreeMap<ShapeId, Shape>, visiting: &BTreeMap<ShapeId, String>) {
        let RawShape { mut shape, mixins } = raw;
        if !mixins.is_empty() {
            let mut members: Vec<Member> = Vec::new();
            // Position of each member by name: a linear search made long mixin chains cubic.
            let mut index: HashMap<String, usize> = HashMap::new();
            let mut traits = Traits::new();
            for mixin_id in &mixins {
                if self.too_large {
                    // Reported where crossed; the model is refused, so nothing more is copied.
                    break;
                }
                let Some(mixin) = resolved.get(mixin_id) else {
                    // Not resolved: absent, or part of a cycle (reported).
                    if !visiting.contains_key(mixin_id) {
                        self.diagnostics.push(
                            Diagnostic::error("UnknownTarget", format!("mixin `{mixin_id}` does not exist"))
                                .shape(id.as_str())
                                .file(shape.source.clone()),
                        );
                    }
                    continue;
                };
                if !mixin.has_trait("smithy.api#mixin") {
                    self.diagnostics.push(
                        Diagnostic::error("NotAMixin", format!("`{mixin_id}` is used as a mixin but lacks the @mixin trait"))
                            .shape(id.as_str())
                            .file(shape.source.clone())
                            .hint(format!("add \"smithy.api#mixin\": {{}} to `{mixin_id}`")),
                    );
                }
                let local: BTreeSet<String> = mixin
                    .traits
                    .get("smithy.api#mixin")
                    .and_then(|m| m.get("localTraits"))
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
                    .unwrap_or_default();
                for (key, value) in &mixin.traits {
                    if key != "smithy.api#mixin" && !local.contains(key) {
                        self.bytes_copied += key.len() + weight(value);
                        traits.insert(key.clone(), value.clone());
                    }
                }
                for member in &mixin.members {
                    self.merge_member(&mut members, &mut index, &id, &shape.source, member.clone(), false);
                }
                if self.bytes_copied > MAX_MIXIN_COPY_BYTES {
                    self.refuse_too_large(&id, &shape.source);
                }
            }
            for member in std::mem::take(&mut shape.members) {
                self.merge_member(&mut members, &mut index, &id, &shape.source, member, true);
            }
            traits.extend(std::mem::take(&mut shape.traits));
            shape.members = members;
            shape.traits = traits;
        }
        self.members_resolved += shape.members.len();
        if self.members_resolved > MAX_RESOLVED_MEMBERS {
            self.refuse_too_large(&id, &shape.source);
        }
        resolved.insert(id, shape);
    }

    /// Report `ModelTooLarge` at the shape where a limit is first passed.
    fn refuse_too_large(&mut self, id: &ShapeId, source: &str) {
        if std::mem::replace(&mut self.too_large, true) {
            return;
        }
        self.diagnostics.push(
            Diagnostic::error(
                "ModelTooLarge",
                format!(
                    "with its mixins' members and traits copied in, the model passes {MAX_RESOLVED_MEMBERS} members or {} MiB of copies here",
                    MAX_MIXIN_COPY_BYTES >> 20
                ),
            )
            .shape(id.as_str())
            .file(source.to_string())
            .hint("each shape using a mixin holds a copy of everything the mixin has, and chains of mixins multiply that; shorten the chain"),
        );
    }

    /// Add `member` (a mixin's copy, or the shape's own when `local`) to the members gathered so
    /// far: a name already there only adds its traits. Copies count against the copy budget.
    fn merge_member(&mut self, members: &mut Vec<Member>, index: &mut HashMap<String, usize>, id: &ShapeId, source: &str, member: Member, local: bool) {
        match index.get(&member.name) {
            Some(&at) => {
                self.check_redeclared(id, source, &members[at], &member, local);
                if !local {
                    self.bytes_copied += traits_weight(&member.traits);
                }
                members[at].traits.extend(member.traits);
            }
            None => {
                if !local {
                    self.bytes_copied += member_weight(&member);
                }
                index.insert(member.name.clone(), members.len());
                members.push(member);
            }
        }
    }

    /// Smithy lets a shape redeclare a mixin's member only with the same target (to add traits).
    fn check_redeclared(&mut self, id: &ShapeId, source: &str, mixed: &Member, redeclared: &Member, local: bool) {
        if mixed.target != redeclared.target {
            let mut diagnostic = Diagnostic::error(
                    "MixinMemberConflict",
                    format!("member `{}` targets `{}`, but a mixin already gives it target `{}`", redeclared.name, redeclared.target, mixed.target),
                )
                .shape(format!("{id}${}", redeclared.name))
                .file(source.to_string())
                .hint("a member mixed in may be redeclared only with the same target; rename one of them");
            if local {
                let pointer = format!("/shapes/{}/members/{}", pointer_segment(id.as_str()), pointer_segment(&redeclared.name));
                diagnostic = diagnostic.pointer(pointer);
            }
            self.diagnostics.push(diagnostic);
        }
    }

    fn apply_traits(&mut self, model: &mut Model) {
        for apply in std::mem::take(&mut self.applies) {
            let root = apply.target.root();
            let Some(shape) = model.shapes.get_mut(&root) else {
                self.diagnostics.push(
                    Diagnostic::error("UnknownTarget", format!("`apply` targets `{}`, which does not exist", apply.target))
                        .file(apply.file)
                        .shape(apply.target.as_str()),
                );
                continue;
            };
            let traits = match apply.target.member_name() {
                None => &mut shape.traits,
                Some(member) => match shape.members.iter_mut().find(|m| m.name == member) {
                    Some(m) => &mut m.traits,
                    None => {
                        self.diagnostics.push(
                            Diagnostic::error("UnknownTarget", format!("`apply` targets member `{member}`, which `{root}` lacks"))
                                .file(apply.file)
                                .shape(apply.target.as_str()),
                        );
                        continue;
                    }
                },
            };
            for (key, value) in apply.traits {
                match (traits.get_mut(&key), value) {
                    (None, value) => {
                        traits.insert(key, value);
                    }
                    // Smithy merges list-valued traits applied from several places.
                    (Some(Value::Array(existing)), Value::Array(more)) => existing.extend(more),
                    (Some(existing), value) if *existing == value => {}
                    (Some(_), _) => self.diagnostics.push(
                        Diagnostic::error("TraitConflict", format!("`apply` sets `{key}` to a value that conflicts with the shape's own"))
                            .file(apply.file.clone())
                            .shape(apply.target.as_str())
                            .hint("apply a trait only where the shape does not already define it differently"),
                    ),
                }
            }
        }
    }
}

/// Every member target and operation/service reference must name a shape in the model.
fn check_references(model: &Model, diagnostics: &mut Diagnostics) {
    let mut suggestions = Suggestions::new(model);
    for shape in model.shapes.values() {
        for member in &shape.members {
            match model.shapes.get(&member.target) {
                None => diagnostics.push(unknown_target(&mut suggestions, &shape.id.with_member(&member.name), &member.target, &shape.source)),
                Some(target) if matches!(target.shape_type, ShapeType::Service | ShapeType::Operation | ShapeType::Resource) => {
                    diagnostics.push(
                        Diagnostic::error("InvalidTarget", format!("member targets the {} `{}`; members hold data, not {}s", target.shape_type.name(), member.target, target.shape_type.name()))
                            .shape(shape.id.with_member(&member.name).as_str())
                            .file(shape.source.clone())
                            .hint("target a simple, collection, structure or union shape"),
                    );
                }
                Some(_) => {}
            }
        }
        let r = &shape.relations;
        for target in r.input.iter().chain(&r.output).chain(&r.errors).chain(&r.operations).chain(&r.resources) {
            if !model.shapes.contains_key(target) {
                diagnostics.push(unknown_target(&mut suggestions, &shape.id, target, &shape.source));
            }
        }
        if matches!(shape.shape_type, ShapeType::Enum | ShapeType::IntEnum) {
            for member in &shape.members {
                if member.target.as_str() != prelude::UNIT {
                    diagnostics.push(
                        Diagnostic::error("InvalidEnumMember", format!("enum member `{}` must target smithy.api#Unit", member.name))
                            .shape(shape.id.with_member(&member.name).as_str())
                            .file(shape.source.clone()),
                    );
                }
            }
        }
    }
}

fn unknown_target(suggestions: &mut Suggestions<'_>, from: &ShapeId, target: &ShapeId, file: &str) -> Diagnostic {
    let d = Diagnostic::error("UnknownTarget", format!("targets `{target}`, which is not defined"))
        .shape(from.as_str())
        .file(file);
    match suggestions.closest(target) {
        Some(closest) => d.hint(format!("did you mean `{closest}`?")),
        None => d.hint("define the shape, add the file that defines it, or target a prelude shape such as `smithy.api#String`"),
    }
}

/// "Did you mean" for missing targets: the defined shape whose name is nearest
/// (case-insensitive edit distance). Each missing id is looked up once, and only the first
/// [`Suggestions::LIMIT`] of them: a model with thousands of bad targets (or one bad target in
/// a mixin used thousands of times) made this quadratic.
struct Suggestions<'m> {
    names: Vec<(String, &'m ShapeId)>,
    found: HashMap<ShapeId, Option<ShapeId>>,
}

impl<'m> Suggestions<'m> {
    const LIMIT: usize = 64;

    fn new(model: &'m Model) -> Self {
        Suggestions { names: model.shapes.keys().map(|id| (id.name().to_ascii_lowercase(), id)).collect(), found: HashMap::new() }
    }

    fn closest(&mut self, missing: &ShapeId) -> Option<ShapeId> {
        if let Some(found) = self.found.get(missing) {
            return found.clone();
        }
        if self.found.len() >= Self::LIMIT {
            return None;
        }
        let wanted = missing.name().to_ascii_lowercase();
        let most = (wanted.len() / 3).max(1);
        let closest = self
            .names
            .iter()
            // The distance is at least the difference in length: skip those without computing it.
            .filter(|(name, _)| name.len().abs_diff(wanted.len()) <= most)
            .map(|(name, id)| (edit_distance(&wanted, name), *id))
            .filter(|(distance, _)| *distance <= most)
            .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
            .map(|(_, id)| id.clone());
        self.found.insert(missing.clone(), closest.clone());
        closest
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb)).min(row[j] + 1).min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pointers(text: &str) -> Vec<String> {
        let (_, diagnostics) = assemble(&[ModelSource { name: "m.json".into(), text: text.into() }]);
        diagnostics.0.iter().filter_map(|d| d.pointer.clone()).collect()
    }

    #[test]
    fn pointers_name_the_offending_value() {
        let model = r#"{
            "smithy": "2.0",
            "metadata": {"a/b": 1},
            "shapes": {
                "ex#S": {"type": "structure", "members": {
                    "ok": {"target": "smithy.api#String", "traits": {"bad~id": {}}},
                    "1x": {"target": "smithy.api#String"}
                }},
                "ex#Op": {"type": "operation", "errors": [{"target": "ex#E"}, {"target": 3}]},
                "ex#L": {"type": "list"}
            }
        }"#;
        assert_eq!(
            pointers(model),
            [
                "/shapes/ex#S/members/ok/traits/bad~0id",
                "/shapes/ex#S/members/1x",
                "/shapes/ex#Op/errors/1/target",
                "/shapes/ex#L/member",
            ]
        );
        let conflicting = [r#"{"smithy": "2.0", "metadata": {"a/b": 1}}"#, r#"{"smithy": "2.0", "metadata": {"a/b": 2}}"#];
        let sources: Vec<ModelSource> =
            conflicting.iter().map(|text| ModelSource { name: "m.json".into(), text: (*text).into() }).collect();
        let (_, diagnostics) = assemble(&sources);
        assert_eq!(diagnostics.0[0].pointer.as_deref(), Some("/metadata/a~1b"));
        let (_, diagnostics) = assemble(&[ModelSource { name: "m.json".into(), text: "[]".into() }]);
        assert_eq!(diagnostics.0[0].pointer.as_deref(), Some(""));
    }

    #[test]
    fn mixin_cycles_and_unknown_mixins_are_reported_once() {
        let model = r#"{
            "smithy": "2.0",
            "shapes": {
                "ex#A": {"type": "structure", "mixins": [{"target": "ex#B"}], "traits": {"smithy.api#mixin": {}}, "members": {}},
                "ex#B": {"type": "structure", "mixins": [{"target": "ex#A"}], "traits": {"smithy.api#mixin": {}}, "members": {}},
                "ex#C": {"type": "structure", "mixins": [{"target": "ex#Missing"}], "members": {"c": {"target": "smithy.api#String"}}}
            }
        }"#;
        let (model, diagnostics) = assemble(&[ModelSource { name: "m.json".into(), text: model.into() }]);
        let codes: Vec<(&str, Option<&str>)> = diagnostics.0.iter().map(|d| (d.code, d.shape.as_deref())).collect();
        assert_eq!(codes, [("MixinCycle", Some("ex#A")), ("UnknownTarget", Some("ex#C"))]);
        assert!(["ex#A", "ex#B", "ex#C"].iter().all(|id| model.shapes.contains_key(&ShapeId::parse(id).unwrap())));
    }
}
