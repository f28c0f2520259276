//! `models/connect.json` is a trimmed copy of the official Amazon Connect model: it keeps only what
//! `UpdateContactAttributes` reaches (plus the service shape) and carries documentation written in our
//! own words. This test proves that it states exactly the same facts as the official model in
//! `../shared/models/connect-2017-08-08.json`: same shapes, types, members (names, order, targets)
//! and non-documentation traits, a complete closure, and documentation that is present wherever the
//! official model has some but never equal to the official text.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

use integration_tests::{shared_file, workspace_root};
use serde_json::{Map, Value};

const OFFICIAL: &str = "models/connect-2017-08-08.json";
const OURS: &str = "models/connect.json";
const OPERATION: &str = "com.amazonaws.connect#UpdateContactAttributes";
const SERVICE: &str = "com.amazonaws.connect#AmazonConnectService";
const PRELUDE: &str = "smithy.api#";
const DOC_TRAIT: &str = "smithy.api#documentation";
const RULE_SET_TRAIT: &str = "smithy.rules#endpointRuleSet";
const ENDPOINT_TESTS_TRAIT: &str = "smithy.rules#endpointTests";

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn shapes(model: &Value) -> &Map<String, Value> {
    model["shapes"]
        .as_object()
        .expect("a Smithy JSON AST has a `shapes` object")
}

/// Shape ids referenced by `target` from a shape: input/output/errors, list member, map key/value,
/// structure/union/enum members, and (for services) operations/resources.
fn targets(shape: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |v: &Value| {
        if let Some(t) = v.get("target").and_then(Value::as_str) {
            out.push(t.to_owned());
        }
    };
    for key in ["input", "output", "member", "key", "value"] {
        if let Some(v) = shape.get(key) {
            push(v);
        }
    }
    for key in ["errors", "operations", "resources"] {
        for v in shape
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            push(v);
        }
    }
    for v in shape
        .get("members")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|m| m.values())
    {
        push(v);
    }
    out
}

/// Every non-prelude shape reachable from `root` through input/output/errors/members.
fn closure(shapes: &Map<String, Value>, root: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([root.to_owned()]);
    while let Some(id) = queue.pop_front() {
        if id.starts_with(PRELUDE) || !seen.insert(id.clone()) {
            continue;
        }
        let shape = shapes
            .get(&id)
            .unwrap_or_else(|| panic!("official model lacks {id}"));
        queue.extend(targets(shape));
    }
    seen
}

/// Removes every documentation-bearing value from a trait map: the `smithy.api#documentation`
/// trait, the `documentation` of endpoint rule set parameters and of endpoint test cases.
fn strip_docs_from_traits(traits: &mut Map<String, Value>) {
    traits.shift_remove(DOC_TRAIT);
    if let Some(params) = traits
        .get_mut(RULE_SET_TRAIT)
        .and_then(|rs| rs.get_mut("parameters"))
        .and_then(Value::as_object_mut)
    {
        for param in params.values_mut().filter_map(Value::as_object_mut) {
            param.shift_remove("documentation");
        }
    }
    if let Some(cases) = traits
        .get_mut(ENDPOINT_TESTS_TRAIT)
        .and_then(|t| t.get_mut("testCases"))
        .and_then(Value::as_array_mut)
    {
        for case in cases.iter_mut().filter_map(Value::as_object_mut) {
            case.shift_remove("documentation");
        }
    }
}

/// The facts of a shape: the shape with all documentation removed (shape and member traits).
fn facts(shape: &Value) -> Value {
    let mut shape = shape.clone();
    if let Some(traits) = shape.get_mut("traits").and_then(Value::as_object_mut) {
        strip_docs_from_traits(traits);
    }
    if let Some(members) = shape.get_mut("members").and_then(Value::as_object_mut) {
        for member in members.values_mut() {
            if let Some(traits) = member.get_mut("traits").and_then(Value::as_object_mut) {
                strip_docs_from_traits(traits);
            }
        }
    }
    shape
}

/// Every documentation string of a shape, keyed by where it sits.
fn docs(shape: &Value) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut take = |place: String, v: Option<&Value>| {
        if let Some(v) = v {
            out.insert(
                place,
                v.as_str().map_or_else(|| v.to_string(), str::to_owned),
            );
        }
    };
    let traits = shape.get("traits");
    take(
        "trait `smithy.api#documentation`".into(),
        traits.and_then(|t| t.get(DOC_TRAIT)),
    );
    let params = traits
        .and_then(|t| t.get(RULE_SET_TRAIT))
        .and_then(|rs| rs.get("parameters"));
    for (name, param) in params.and_then(Value::as_object).into_iter().flatten() {
        take(
            format!("endpoint rule set parameter `{name}`"),
            param.get("documentation"),
        );
    }
    let cases = traits
        .and_then(|t| t.get(ENDPOINT_TESTS_TRAIT))
        .and_then(|t| t.get("testCases"));
    for (i, case) in cases
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        take(
            format!("endpoint test case #{i}"),
            case.get("documentation"),
        );
    }
    for (name, member) in shape
        .get("members")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        take(
            format!("member `{name}` trait `smithy.api#documentation`"),
            member.get("traits").and_then(|t| t.get(DOC_TRAIT)),
        );
    }
    out
}

/// Renders a path inside a shape readably: `member `X` trait `Y` /a/b`.
fn describe(path: &[String]) -> String {
    let mut parts = Vec::new();
    let mut rest = String::new();
    let mut i = 0;
    while i < path.len() {
        match (path[i].as_str(), path.get(i + 1)) {
            ("members", Some(name)) if rest.is_empty() => {
                parts.push(format!("member `{name}`"));
                i += 2;
            }
            ("traits", Some(id)) if rest.is_empty() => {
                parts.push(format!("trait `{id}`"));
                i += 2;
            }
            (segment, _) => {
                rest.push('/');
                rest.push_str(segment);
                i += 1;
            }
        }
    }
    if !rest.is_empty() {
        parts.push(format!("at {rest}"));
    }
    if parts.is_empty() {
        "the shape".into()
    } else {
        parts.join(" ")
    }
}

/// Compares two JSON values strictly (object key order included), recording each difference.
fn diff(ours: &Value, official: &Value, id: &str, path: &mut Vec<String>, out: &mut Vec<String>) {
    match (ours, official) {
        (Value::Object(a), Value::Object(b)) => {
            let (ka, kb): (Vec<_>, Vec<_>) = (a.keys().collect(), b.keys().collect());
            if ka != kb {
                out.push(format!(
                    "{id}: {} has keys {ka:?}, official has {kb:?}",
                    describe(path)
                ));
            }
            for (k, va) in a {
                if let Some(vb) = b.get(k) {
                    path.push(k.clone());
                    diff(va, vb, id, path, out);
                    path.pop();
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (va, vb)) in a.iter().zip(b).enumerate() {
                path.push(i.to_string());
                diff(va, vb, id, path, out);
                path.pop();
            }
        }
        _ if ours == official => {}
        _ => out.push(format!(
            "{id}: {} differs: ours {ours}, official {official}",
            describe(path)
        )),
    }
}

#[test]
fn connect_model_states_the_official_facts() {
    let Some(official_path) = shared_file(OFFICIAL) else {
        return;
    };
    let official = load(&official_path);
    let ours = load(&workspace_root().join(OURS));
    let (our_shapes, official_shapes) = (shapes(&ours), shapes(&official));
    let mut failures = Vec::new();

    for key in ["smithy", "metadata"] {
        if ours[key] != official[key] {
            failures.push(format!("top-level `{key}` differs from the official model"));
        }
    }

    for (id, our_shape) in our_shapes {
        let Some(official_shape) = official_shapes.get(id) else {
            failures.push(format!("{id}: not in the official model"));
            continue;
        };
        if our_shape["type"] != official_shape["type"] {
            failures.push(format!(
                "{id}: type {} but official type {}",
                our_shape["type"], official_shape["type"]
            ));
            continue;
        }
        let (our_facts, mut official_facts) = (facts(our_shape), facts(official_shape));
        if id == SERVICE {
            // Ours lists a subset of the operations (and resources); compare against the
            // official list restricted to that subset, keeping its order.
            for key in ["operations", "resources"] {
                let mine: Vec<&Value> = our_facts
                    .get(key)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .collect();
                let theirs = official_facts.get(key).and_then(Value::as_array);
                for entry in &mine {
                    if !theirs.is_some_and(|t| t.contains(entry)) {
                        failures.push(format!(
                            "{id}: {key} entry {entry} is not in the official model"
                        ));
                    }
                }
                if let Some(list) = official_facts.get_mut(key).and_then(Value::as_array_mut) {
                    list.retain(|e| mine.contains(&e));
                    if list.is_empty() && our_facts.get(key).is_none() {
                        official_facts.as_object_mut().unwrap().shift_remove(key);
                    }
                }
            }
        }
        diff(
            &our_facts,
            &official_facts,
            id,
            &mut Vec::new(),
            &mut failures,
        );

        let (our_docs, official_docs) = (docs(our_shape), docs(official_shape));
        for (place, text) in &official_docs {
            match our_docs.get(place) {
                None => failures.push(format!(
                    "{id}: {place} is documented officially but not by us"
                )),
                Some(mine) if mine.trim().is_empty() => {
                    failures.push(format!("{id}: {place} has empty documentation"))
                }
                Some(mine) if mine == text => failures.push(format!(
                    "{id}: {place} copies the official documentation instead of our own words"
                )),
                Some(_) => {}
            }
        }
        for place in our_docs.keys().filter(|p| !official_docs.contains_key(*p)) {
            failures.push(format!(
                "{id}: {place} is documented by us but not officially"
            ));
        }

        for target in targets(our_shape) {
            if !target.starts_with(PRELUDE) && !our_shapes.contains_key(&target) {
                failures.push(format!("{id}: targets {target}, which our model lacks"));
            }
        }
    }

    let reachable = closure(official_shapes, OPERATION);
    for id in &reachable {
        if !our_shapes.contains_key(id) {
            failures.push(format!(
                "{id}: reachable from {OPERATION} officially but missing from ours"
            ));
        }
    }
    for id in our_shapes.keys() {
        if id != SERVICE && !reachable.contains(id) {
            failures.push(format!(
                "{id}: not reachable from {OPERATION}; the model should hold only its closure"
            ));
        }
    }
    let operations = our_shapes.get(SERVICE).and_then(|s| s.get("operations"));
    let expected_operations = serde_json::json!([{ "target": OPERATION }]);
    if operations != Some(&expected_operations) {
        let got = operations.map_or_else(|| "nothing".to_owned(), Value::to_string);
        failures.push(format!(
            "{SERVICE}: operations should list only {OPERATION}, got {got}"
        ));
    }

    assert!(
        failures.is_empty(),
        "{OURS} disagrees with the official model ({} problem(s)):\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}
