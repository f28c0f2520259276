//! The model loader target: mutations that know the shape of a Smithy JSON AST, and the
//! pipeline they are fed to (load and check on every input, the whole `generate` on some).

use codegen::config::{Selection, Settings};
use codegen::model::ModelSource;

use crate::mutate::{self, Format, J};
use crate::rng::Rng;
use crate::seeds::Corpus;

/// How far down the pipeline an input goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Load, select and check.
    Check,
    /// And then the whole `codegen::generate`.
    Generate,
}

/// What one model input did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelOutcome {
    /// The loader reported no error.
    pub loaded: bool,
    /// A service and its operations could be selected and checked without errors (the checks
    /// do not repeat the loader's errors: a model that failed to load may still pass them).
    pub checked: bool,
    /// `generate` ran, and whether it succeeded.
    pub generated: Option<bool>,
}

/// Load and check `text`; at [`Depth::Generate`], also run the whole pipeline on it.
///
/// Diagnostics are rendered to text as the command line would print them, so a problem in
/// formatting a diagnostic (a pointer into a mutated key, a shape id with odd characters) is
/// found too.
pub fn run(text: &str, depth: Depth) -> ModelOutcome {
    // In a block of its own, so this model is gone before `generate` loads its own: what an
    // input holds at its peak is what `generate` holds, not the two models together.
    let (loaded, checked) = {
        let sources = [ModelSource { name: "fuzz.json".to_string(), text: text.to_string() }];
        let (model, diagnostics) = codegen::model::assemble(&sources);
        let loaded = !diagnostics.has_errors();
        std::hint::black_box(diagnostics.to_string());
        let settings = Settings::new("fuzzed");
        let checked = match codegen::select::select(&model, &settings) {
            Ok(scope) => {
                let (_, checked) = codegen::check::check_model(&model, &scope);
                std::hint::black_box(checked.to_string());
                !checked.has_errors()
            }
            Err(unselectable) => {
                std::hint::black_box(unselectable.to_string());
                false
            }
        };
        (loaded, checked)
    };
    let generated = (depth == Depth::Generate).then(|| match codegen::generate(&codegen::Request::from_model("fuzz.json", text, Selection::All)) {
        Ok(generated) => {
            std::hint::black_box(generated.files.len());
            true
        }
        Err(diagnostics) => {
            std::hint::black_box(diagnostics.to_string());
            false
        }
    });
    ModelOutcome { loaded, checked, generated }
}

/// The pipeline's stages one at a time, each timed and reported as it ends (with its first
/// diagnostics when it fails), so a slow or crashing input names the function responsible: the
/// last stage reported before a crash is the one before the crashing stage.
pub fn run_stages(text: &str, report: &mut dyn FnMut(&'static str, std::time::Duration, Result<(), String>)) {
    let time = std::time::Instant::now;
    let outcome = |diagnostics: &codegen::diagnostics::Diagnostics| -> Result<(), String> {
        if diagnostics.has_errors() {
            Err(diagnostics.errors().take(3).map(ToString::to_string).collect::<Vec<_>>().join("\n      "))
        } else {
            Ok(())
        }
    };
    let sources = [ModelSource { name: "fuzz.json".to_string(), text: text.to_string() }];
    let started = time();
    let (model, diagnostics) = codegen::model::assemble(&sources);
    report("codegen::model::assemble", started.elapsed(), outcome(&diagnostics));
    let started = time();
    let selected = codegen::select::select(&model, &Settings::new("fuzzed"));
    report("codegen::select::select", started.elapsed(), selected.as_ref().map(|_| ()).map_err(|d| outcome(d).err().unwrap_or_default()));
    if let Ok(scope) = selected {
        let started = time();
        let (_, checked) = codegen::check::check_model(&model, &scope);
        report("codegen::check::check_model", started.elapsed(), outcome(&checked));
    }
    let request = codegen::Request::from_model("fuzz.json", text, Selection::All);
    let started = time();
    let lowered = codegen::lower_request(&request);
    let lowered_ok = lowered.is_ok();
    report("codegen::lower_request (load, check, lower)", started.elapsed(), lowered.map(|_| ()).map_err(|d| outcome(&d).err().unwrap_or_default()));
    if lowered_ok {
        let started = time();
        let generated = codegen::generate(&request);
        report("codegen::generate (all of it again, then render)", started.elapsed(), generated.map(|_| ()).map_err(|d| outcome(&d).err().unwrap_or_default()));
    }
}

const SHAPE_TYPES: &[&str] = &[
    "blob", "boolean", "string", "byte", "short", "integer", "long", "float", "double", "bigInteger", "bigDecimal", "timestamp",
    "document", "enum", "intEnum", "list", "set", "map", "structure", "union", "service", "operation", "resource", "member", "apply",
    "String", "", "unknown",
];

const WEIRD_IDS: &[&str] = &[
    "a#", "#a", "a#b$c", "a#b$", "a..b#C", "1a#B", "a#B#C", "a#1B", "smithy.api#NoSuch", "smithy.api#", "a#\u{e9}", "a.b#C$d$e",
    " a#B", "a#B ", "a#self", "a#Self", "a#crate", "a#String", "a#Result", "a#Option", "a#_", "a#__", "a#A_", "",
];

const WEIRD_MEMBER_NAMES: &[&str] = &[
    "", "type", "self", "Self", "super", "crate", "r#type", "fn", "async", "1abc", "a-b", "_", "__", "a__b", "\u{e9}",
    "\u{1f600}", "Default", "default", "build", "builder", "None", "Some", "Ok", "Err", "String", "Box", "std", "core",
    "aVeryLongMemberNameThatKeepsGoingAndGoingAndGoingAndGoingAndGoingAndGoingAndGoingAndGoing", "ABC", "aBC", "abc_",
    "Abc", "ABc", "aB", "A",
];

/// The shapes object of a model tree, created when missing.
fn shapes_mut(tree: &mut J) -> Option<&mut Vec<(String, J)>> {
    let J::Obj(root) = tree else { return None };
    let index = match root.iter().position(|(k, _)| k == "shapes") {
        Some(i) => i,
        None => {
            root.push(("shapes".into(), J::Obj(Vec::new())));
            root.len() - 1
        }
    };
    match &mut root[index].1 {
        J::Obj(shapes) => Some(shapes),
        _ => None,
    }
}

/// A member of an object by key, created (as `value`) when missing.
fn entry<'a>(object: &'a mut Vec<(String, J)>, key: &str, value: J) -> &'a mut J {
    let index = match object.iter().position(|(k, _)| k == key) {
        Some(i) => i,
        None => {
            object.push((key.to_string(), value));
            object.len() - 1
        }
    };
    &mut object[index].1
}

/// A shape id to point something at: usually a real one, sometimes a broken one.
fn random_id(rng: &mut Rng, local: &[String], corpus: &Corpus) -> String {
    match rng.below(10) {
        0..=4 if !local.is_empty() => rng.pick(local).clone(),
        5 | 6 if !corpus.shape_ids.is_empty() => rng.pick(&corpus.shape_ids).clone(),
        7 => rng.pick(WEIRD_IDS).to_string(),
        8 if !local.is_empty() => format!("{}$member", rng.pick(local)),
        _ => format!("ex#Gen{}", rng.below(8)),
    }
}

fn target(id: String) -> J {
    J::Obj(vec![("target".into(), J::Str(id))])
}

/// A random trait (id and value) from the dictionary, sometimes with a mutated value.
fn random_trait(rng: &mut Rng, corpus: &Corpus) -> (String, J) {
    if corpus.traits.is_empty() || rng.one_in(10) {
        return ("smithy.api#required".into(), J::Obj(Vec::new()));
    }
    let (id, value) = rng.pick(&corpus.traits);
    let mut value = value.clone();
    if rng.chance(40) {
        let donor = rng.pick(&corpus.traits).1.clone();
        mutate::mutate_json(rng, &mut value, &donor, &corpus.json_words);
    }
    (id.clone(), value)
}

/// One mutation that knows what a model looks like.
pub fn mutate_model(rng: &mut Rng, tree: &mut J, donor: &J, corpus: &Corpus) {
    let Some(shapes) = shapes_mut(tree) else {
        mutate::mutate_json(rng, tree, donor, &corpus.json_words);
        return;
    };
    let local: Vec<String> = shapes.iter().map(|(k, _)| k.clone()).collect();
    let pick_shape = |rng: &mut Rng, shapes: &mut Vec<(String, J)>| -> Option<usize> { (!shapes.is_empty()).then(|| rng.below(shapes.len())) };
    match rng.below(14) {
        0 => {
            if let Some(i) = pick_shape(rng, shapes) {
                if let J::Obj(body) = &mut shapes[i].1 {
                    *entry(body, "type", J::Str(String::new())) = J::Str(rng.pick(SHAPE_TYPES).to_string());
                }
            }
        }
        1 | 2 => {
            // Point a member, an input or an output somewhere else: recursion, prelude, nowhere.
            if let Some(i) = pick_shape(rng, shapes) {
                let id = if rng.chance(20) { shapes[i].0.clone() } else { random_id(rng, &local, corpus) };
                let shape = &mut shapes[i].1;
                let targets = shape.find(|node| matches!(node, J::Obj(m) if m.iter().any(|(k, _)| k == "target")));
                if let Some(&n) = targets.get(rng.below(targets.len())) {
                    if let J::Obj(m) = shape.nth_mut(n) {
                        *entry(m, "target", J::Raw("null".into())) = J::Str(id);
                    }
                } else if let J::Obj(body) = shape {
                    let slot = *rng.pick(&["member", "key", "value", "input", "output"]);
                    body.push((slot.into(), target(id)));
                }
            }
        }
        3 | 4 => {
            let (id, value) = random_trait(rng, corpus);
            if let Some(i) = pick_shape(rng, shapes) {
                if let J::Obj(body) = &mut shapes[i].1 {
                    let on_member = rng.chance(50);
                    let holder = if on_member {
                        match body.iter_mut().find(|(k, _)| k == "members") {
                            Some((_, J::Obj(members))) if !members.is_empty() => {
                                let m = rng.below(members.len());
                                match &mut members[m].1 {
                                    J::Obj(member) => member,
                                    _ => return,
                                }
                            }
                            _ => body,
                        }
                    } else {
                        body
                    };
                    if let J::Obj(traits) = entry(holder, "traits", J::Obj(Vec::new())) {
                        traits.push((id, value));
                    }
                }
            }
        }
        5 => {
            if let Some(i) = pick_shape(rng, shapes) {
                let mixin = if rng.chance(30) { shapes[i].0.clone() } else { random_id(rng, &local, corpus) };
                if let J::Obj(body) = &mut shapes[i].1 {
                    if let J::Arr(list) = entry(body, "mixins", J::Arr(Vec::new())) {
                        list.push(target(mixin.clone()));
                    }
                }
                if let Some((_, J::Obj(body))) = shapes.iter_mut().find(|(k, _)| *k == mixin) {
                    if let J::Obj(traits) = entry(body, "traits", J::Obj(Vec::new())) {
                        traits.push(("smithy.api#mixin".into(), J::Obj(Vec::new())));
                    }
                }
            }
        }
        6 => {
            if let Some(i) = pick_shape(rng, shapes) {
                shapes[i].0 = if rng.chance(50) { rng.pick(WEIRD_IDS).to_string() } else { random_id(rng, &local, corpus) };
            }
        }
        7 => {
            if let Some(i) = pick_shape(rng, shapes) {
                let name = if rng.chance(70) { rng.pick(WEIRD_MEMBER_NAMES).to_string() } else { rng.pick(&corpus.json_words).clone() };
                let to = random_id(rng, &local, corpus);
                if let J::Obj(body) = &mut shapes[i].1 {
                    if let J::Obj(members) = entry(body, "members", J::Obj(Vec::new())) {
                        members.push((name, target(to)));
                    }
                }
            }
        }
        8 => chain(rng, shapes),
        9 => {
            if let J::Obj(root) = donor {
                if let Some((_, J::Obj(theirs))) = root.iter().find(|(k, _)| k == "shapes") {
                    if !theirs.is_empty() {
                        shapes.push(rng.pick(theirs).clone());
                    }
                }
            }
        }
        10 => {
            let n = rng.size(5000).max(1);
            let int = rng.chance(40);
            let members: Vec<(String, J)> = (0..n)
                .map(|k| {
                    let value = if int { J::Raw(k.to_string()) } else { J::Str(if rng.one_in(50) { String::new() } else { format!("V{k}") }) };
                    let name = if rng.one_in(50) { rng.pick(WEIRD_MEMBER_NAMES).to_string() } else { format!("V{k}") };
                    (name, J::Obj(vec![("target".into(), J::Str("smithy.api#Unit".into())), ("traits".into(), J::Obj(vec![("smithy.api#enumValue".into(), value)]))]))
                })
                .collect();
            let id = if rng.chance(50) && !local.is_empty() { rng.pick(&local).clone() } else { "ex#BigEnum".into() };
            shapes.push((id, J::Obj(vec![("type".into(), J::Str(if int { "intEnum" } else { "enum" }.into())), ("members".into(), J::Obj(members))])));
        }
        11 => {
            let at = random_id(rng, &local, corpus);
            let at = if rng.chance(50) && !local.is_empty() { format!("{}${}", rng.pick(&local), rng.pick(&corpus.json_words)) } else { at };
            let (id, value) = random_trait(rng, corpus);
            shapes.push((at, J::Obj(vec![("type".into(), J::Str("apply".into())), ("traits".into(), J::Obj(vec![(id, value)]))])));
        }
        12 => {
            // The service's lists: operations and errors it does not have, twice, or itself.
            if let Some((_, J::Obj(service))) = shapes.iter_mut().find(|(_, s)| matches!(s, J::Obj(b) if b.iter().any(|(k, v)| k == "type" && *v == J::Str("service".into())))) {
                let key = *rng.pick(&["operations", "errors", "resources"]);
                let id = random_id(rng, &local, corpus);
                if let J::Arr(list) = entry(service, key, J::Arr(Vec::new())) {
                    list.push(target(id));
                }
            }
        }
        _ => {
            let node = tree.random_mut(rng);
            *node = mutate::random_json_scalar(rng, &corpus.json_words);
        }
    }
}

/// A long chain of shapes, each reaching the next: structures, lists, maps, unions or
/// mixins, sometimes closed into a cycle, hooked into the model by one of its members.
///
/// Up to 300 shapes mostly, and 1,000 or 5,000 one time in eight: the lengths at which mixin
/// chains used to take seconds in the loader, structure chains in lowering, and nested lists
/// and maps overflowed the stack (`fuzz/README.md`, Findings). Not more often: a mixin chain
/// that long is refused as `ModelTooLarge` only after half a million members (about 0.45 s a
/// load in release, seconds in the debug short run).
fn chain(rng: &mut Rng, shapes: &mut Vec<(String, J)>) {
    let n = match rng.below(8) {
        0..=2 => rng.range(2, 16),
        3..=6 => rng.range(17, 300),
        _ => *rng.pick(&[1000, 5000]),
    };
    let kind = rng.below(5);
    let cycle = rng.chance(40);
    let id = |k: usize| format!("ex#Chain{k}");
    for k in 0..n {
        let next = if k + 1 < n { id(k + 1) } else if cycle { id(0) } else { "smithy.api#String".to_string() };
        let body = match kind {
            0 => vec![("type".into(), J::Str("structure".into())), ("members".into(), J::Obj(vec![("next".into(), target(next))]))],
            1 => vec![("type".into(), J::Str("list".into())), ("member".into(), target(next))],
            2 => vec![("type".into(), J::Str("map".into())), ("key".into(), target("smithy.api#String".into())), ("value".into(), target(next))],
            3 => vec![("type".into(), J::Str("union".into())), ("members".into(), J::Obj(vec![("next".into(), target(next)), ("leaf".into(), target("smithy.api#Integer".into()))]))],
            _ => vec![
                ("type".into(), J::Str("structure".into())),
                ("mixins".into(), J::Arr(if k + 1 < n || cycle { vec![target(next)] } else { Vec::new() })),
                ("members".into(), J::Obj(vec![(format!("m{k}"), target("smithy.api#String".into()))])),
                ("traits".into(), J::Obj(vec![("smithy.api#mixin".into(), J::Obj(Vec::new()))])),
            ],
        };
        shapes.push((id(k), J::Obj(body)));
    }
    // Hook the chain into a structure of the model, or it is never reached from the service.
    let structures: Vec<usize> =
        (0..shapes.len()).filter(|&i| matches!(&shapes[i].1, J::Obj(b) if b.iter().any(|(k, v)| k == "type" && *v == J::Str("structure".into())))).collect();
    let hooks: Vec<usize> = structures.into_iter().filter(|&i| !shapes[i].0.starts_with("ex#Chain")).collect();
    if let Some(&i) = hooks.get(rng.below(hooks.len())) {
        if let J::Obj(body) = &mut shapes[i].1 {
            if let J::Obj(members) = entry(body, "members", J::Obj(Vec::new())) {
                members.push(("chained".into(), target(id(0))));
            }
        }
    }
}

/// A mutated model text from the corpus: tree mutations mostly, byte mutations for the rest.
pub fn generate(rng: &mut Rng, corpus: &Corpus) -> String {
    let seed = rng.pick(&corpus.models);
    let donor = &rng.pick(&corpus.models).tree;
    if rng.one_in(20) {
        return seed.text.clone();
    }
    let mut tree = seed.tree.clone();
    let rounds = 1 + rng.size(7);
    for _ in 0..rounds {
        if rng.chance(70) {
            mutate_model(rng, &mut tree, donor, corpus);
            if tree.weight() > mutate::MAX_LEN {
                tree = seed.tree.clone();
            }
        } else {
            mutate::mutate_json(rng, &mut tree, donor, &corpus.json_words);
        }
    }
    let mut text = tree.print();
    if rng.chance(12) {
        let mut bytes = text.into_bytes();
        for _ in 0..1 + rng.size(3) {
            mutate::mutate_bytes(rng, &mut bytes, donor.print().as_bytes(), &corpus.shape_ids, Format::Json);
        }
        text = String::from_utf8_lossy(&bytes).into_owned();
    }
    text
}

/// Minimal models for the findings (`fuzz/README.md`), by file name, kept as regression inputs:
/// the list and map cycles that overflowed the stack, `@range` bounds past a float's range,
/// mixin and structure chains of growing length for the once super-linear loader and lowering,
/// and lists nested past the limit of 32 (5,000 deep overflowed the stack in lowering).
pub fn known_repros() -> Vec<(String, String)> {
    let model = |extra: &str, first: &str| {
        format!(
            r#"{{"smithy":"2.0","shapes":{{
  "ex#Service":{{"type":"service","version":"1","operations":[{{"target":"ex#Op"}}],"traits":{{"aws.protocols#restJson1":{{}}}}}},
  "ex#Op":{{"type":"operation","input":{{"target":"ex#OpInput"}},"output":{{"target":"smithy.api#Unit"}},"traits":{{"smithy.api#http":{{"method":"POST","uri":"/"}}}}}},
  "ex#OpInput":{{"type":"structure","members":{{"first":{{"target":"{first}"}}}}}}{extra}
}}}}
"#
        )
    };
    let mut repros = vec![
        ("lower-value-type-list-cycle.json".to_string(), model(r#",
  "ex#List":{"type":"list","member":{"target":"ex#List"}}"#, "ex#List")),
        ("lower-value-type-map-cycle.json".to_string(), model(r#",
  "ex#Map":{"type":"map","key":{"target":"smithy.api#String"},"value":{"target":"ex#List"}},
  "ex#List":{"type":"list","member":{"target":"ex#Map"}}"#, "ex#Map")),
    ];
    repros.push((
        "lower-value-type-map-cycle-through-mixin.json".to_string(),
        // `ex#B` redeclares the mixin's `value` with another target; the loader used to keep the
        // mixin's target (`ex#A`), which closed a cycle no target in the file shows. Now the
        // loader reports MixinMemberConflict.
        model(r#",
  "ex#A":{"type":"map","key":{"target":"smithy.api#String"},"value":{"target":"ex#B"},"traits":{"smithy.api#mixin":{}}},
  "ex#B":{"type":"map","mixins":[{"target":"ex#A"}],"key":{"target":"smithy.api#String"},"value":{"target":"smithy.api#String"}}"#, "ex#B"),
    ));
    for (name, shape, max) in [("float-1e400", "float", "1e400"), ("double-1e309", "double", "1e309"), ("double-3.5e38", "double", "3.5e38"), ("integer-1e39", "integer", "1e39")] {
        let extra = format!(",\n  \"ex#Bounded\":{{\"type\":\"{shape}\",\"traits\":{{\"smithy.api#range\":{{\"max\":{max}}}}}}}");
        repros.push((format!("emit-range-{name}.json"), model(&extra, "ex#Bounded")));
    }
    let wide: String = (0..2000).map(|k| format!("\"m{k}\":{{\"target\":\"smithy.api#String\"}}")).collect::<Vec<_>>().join(",");
    let levels: String = (0..100)
        .map(|k| format!(",\n  \"ex#C{k}\":{{\"type\":\"structure\",\"mixins\":[{{\"target\":\"ex#C{}\"}}],\"members\":{{\"l{k}\":{{\"target\":\"smithy.api#String\"}}}},\"traits\":{{\"smithy.api#mixin\":{{}}}}}}", k + 1))
        .collect();
    let bottom = format!(",\n  \"ex#C100\":{{\"type\":\"structure\",\"members\":{{{wide}}},\"traits\":{{\"smithy.api#mixin\":{{}}}}}}");
    repros.push(("load-mixin-chain-100-over-2000-members.json".to_string(), model(&(levels + &bottom), "ex#C0")));
    for n in [200, 400, 800, 2000] {
        let shapes: String = (0..n)
            .map(|k| {
                let mixins = if k + 1 < n { format!(r#"{{"target":"ex#C{}"}}"#, k + 1) } else { String::new() };
                format!(",\n  \"ex#C{k}\":{{\"type\":\"structure\",\"mixins\":[{mixins}],\"members\":{{\"m{k}\":{{\"target\":\"smithy.api#String\"}}}},\"traits\":{{\"smithy.api#mixin\":{{}}}}}}")
            })
            .collect();
        repros.push((format!("load-mixin-chain-{n}.json"), model(&shapes, "ex#C0")));
    }
    for n in [500, 1000, 2000, 5000] {
        let shapes: String = (0..n)
            .map(|k| {
                let next = if k + 1 < n { format!("ex#C{}", k + 1) } else { "smithy.api#String".to_string() };
                format!(",\n  \"ex#C{k}\":{{\"type\":\"structure\",\"members\":{{\"next\":{{\"target\":\"{next}\"}}}}}}")
            })
            .collect();
        repros.push((format!("lower-struct-chain-{n}.json"), model(&shapes, "ex#C0")));
    }
    for n in [32, 33, 5000] {
        let shapes: String = (0..n)
            .map(|k| {
                let next = if k + 1 < n { format!("ex#L{}", k + 1) } else { "smithy.api#String".to_string() };
                format!(",\n  \"ex#L{k}\":{{\"type\":\"list\",\"member\":{{\"target\":\"{next}\"}}}}")
            })
            .collect();
        repros.push((format!("lower-list-nesting-{n}.json"), model(&shapes, "ex#L0")));
    }
    // Open findings of the long run (`fuzz/README.md`): a "did you mean" search over every
    // shape for every unknown target, quadratic in the model ...
    for n in [1000, 2000, 5000] {
        let shapes: String = (0..n)
            .map(|k| {
                let next = if k + 1 < n { format!(r#""next":{{"target":"ex#C{}"}},"#, k + 1) } else { String::new() };
                format!(",\n  \"ex#C{k}\":{{\"type\":\"structure\",\"members\":{{{next}\"gone\":{{\"target\":\"ex#Missing{k}\"}}}}}}")
            })
            .collect();
        repros.push((format!("load-unknown-targets-{n}.json"), model(&shapes, "ex#C0")));
    }
    // ... and mixin copies that cost more than the member count says: members with traits
    // (refused as ModelTooLarge only after ~290 MB), and mixin traits (not counted at all).
    let (n, m) = (300, 2600);
    let mut shapes: String = (0..n)
        .map(|k| format!(",\n  \"ex#C{k}\":{{\"type\":\"enum\",\"mixins\":[{{\"target\":\"ex#C{}\"}}],\"members\":{{\"L{k}\":{{\"target\":\"smithy.api#Unit\",\"traits\":{{\"smithy.api#enumValue\":\"L{k}\"}}}}}},\"traits\":{{\"smithy.api#mixin\":{{}}}}}}", k + 1))
        .collect();
    let values: String = (0..m).map(|j| format!(r#""V{j}":{{"target":"smithy.api#Unit","traits":{{"smithy.api#enumValue":"V{j}"}}}}"#)).collect::<Vec<_>>().join(",");
    shapes.push_str(&format!(",\n  \"ex#C{n}\":{{\"type\":\"enum\",\"members\":{{{values}}},\"traits\":{{\"smithy.api#mixin\":{{}}}}}}"));
    repros.push((format!("load-enum-mixin-chain-{n}-over-{m}-values.json"), model(&shapes, "ex#C0")));
    let n = 200;
    let mut shapes: String = (0..n)
        .map(|k| format!(",\n  \"ex#C{k}\":{{\"type\":\"structure\",\"mixins\":[{{\"target\":\"ex#C{}\"}}],\"members\":{{\"m{k}\":{{\"target\":\"smithy.api#String\"}}}},\"traits\":{{\"smithy.api#mixin\":{{}}}}}}", k + 1))
        .collect();
    let doc = "x".repeat(1 << 20);
    shapes.push_str(&format!(",\n  \"ex#C{n}\":{{\"type\":\"structure\",\"members\":{{\"last\":{{\"target\":\"smithy.api#String\"}}}},\"traits\":{{\"smithy.api#mixin\":{{}},\"smithy.api#documentation\":\"{doc}\"}}}}"));
    repros.push((format!("load-mixin-chain-{n}-over-1mib-trait.json"), model(&shapes, "ex#C0")));
    repros
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repros_are_json_with_distinct_names() {
        let repros = known_repros();
        let mut names: Vec<&str> = repros.iter().map(|(name, _)| name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), repros.len(), "file names are distinct");
        for (name, text) in &repros {
            assert!(serde_json::from_str::<serde_json::Value>(text).is_ok(), "{name} is JSON");
        }
    }

    /// The repros of the crashes (the long chains are the release run's: seconds in debug)
    /// through the whole pipeline: refused or generated, no longer a stack overflow or a panic.
    #[test]
    fn the_crash_repros_are_refused_or_generate() {
        let mut ran = 0;
        for (name, text) in known_repros() {
            let expect_generated = match name.trim_end_matches(".json") {
                n if n.starts_with("emit-range-") => true,
                "lower-list-nesting-32" => true,
                n if n.starts_with("lower-value-type-") || n.starts_with("lower-list-nesting-") => false,
                _ => continue,
            };
            let outcome = run(&text, Depth::Generate);
            assert_eq!(outcome.generated, Some(expect_generated), "{name}: {outcome:?}");
            assert_eq!(outcome.checked, expect_generated, "{name}: {outcome:?}");
            ran += 1;
        }
        assert_eq!(ran, 10, "every crash repro ran");
    }
}
