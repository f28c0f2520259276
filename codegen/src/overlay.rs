//! Overlays: documented limits the model lacks, applied as traits at codegen, each citing its source.
//!
//! An overlay file is `{"rules": [{"target": "ns#Shape$member", "traits": {...}, "source": "..."}]}`.
//! Rules may add standard constraint traits or our extension traits (`codegen.constraints#...`).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Model, ShapeId};
use crate::traits;

/// Where a trait added by an overlay came from, kept so the generated docs can cite it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverlayNote {
    pub trait_id: String,
    pub source: String,
}

/// Overlay notes by the shape or member id the rule targeted.
pub type OverlayNotes = BTreeMap<ShapeId, Vec<OverlayNote>>;

const ALLOWED: &[&str] = &[
    traits::LENGTH,
    traits::RANGE,
    traits::PATTERN,
    traits::REQUIRED,
    traits::UNIQUE_ITEMS,
    traits::SENSITIVE,
    traits::KEY_PATTERN,
    traits::MAX_TOTAL_UTF8_BYTES,
];

/// Apply overlay documents to a loaded model. Targets that the model does not define are skipped
/// silently only when the rule says `"optional": true`; otherwise they are errors, so a renamed
/// shape cannot quietly drop a limit.
pub fn apply(model: &mut Model, file: &str, text: &str, notes: &mut OverlayNotes) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    let root: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(err) => {
            diagnostics.push(Diagnostic::error("InvalidOverlay", format!("not valid JSON: {err}")).file(file));
            return diagnostics;
        }
    };
    let Some(rules) = root.get("rules").and_then(Value::as_array) else {
        diagnostics.push(Diagnostic::error("InvalidOverlay", "expected an object with a `rules` array").file(file).pointer("/rules"));
        return diagnostics;
    };
    for (i, rule) in rules.iter().enumerate() {
        let pointer = format!("/rules/{i}");
        let err = |message: String| Diagnostic::error("InvalidOverlay", message).file(file).pointer(pointer.clone());
        let target = rule.get("target").and_then(Value::as_str);
        let source = rule.get("source").and_then(Value::as_str).filter(|s| !s.trim().is_empty());
        let rule_traits = rule.get("traits").and_then(Value::as_object);
        let (Some(target), Some(source), Some(rule_traits)) = (target, source, rule_traits) else {
            diagnostics.push(err("each rule needs `target`, `traits` and a non-empty `source` citing where the limit is documented".into()));
            continue;
        };
        let Some(id) = ShapeId::parse(target) else {
            diagnostics.push(err(format!("`{target}` is not a shape or member id")));
            continue;
        };
        let optional = rule.get("optional").and_then(Value::as_bool).unwrap_or(false);
        let Some(shape) = model.shapes.get_mut(&id.root()) else {
            if !optional {
                diagnostics.push(err(format!("target `{target}` is not in the model")).shape(target));
            }
            continue;
        };
        let traits_map = match id.member_name() {
            None => &mut shape.traits,
            Some(member) => match shape.members.iter_mut().find(|m| m.name == member) {
                Some(m) => &mut m.traits,
                None => {
                    diagnostics.push(err(format!("`{}` has no member `{member}`", id.root())).shape(target));
                    continue;
                }
            },
        };
        for (key, value) in rule_traits {
            if !ALLOWED.contains(&key.as_str()) {
                diagnostics.push(err(format!("overlays may only add constraint traits; `{key}` is not one")).hint(format!("allowed: {}", ALLOWED.join(", "))));
                continue;
            }
            traits_map.insert(key.clone(), value.clone());
            notes.entry(id.clone()).or_default().push(OverlayNote { trait_id: key.clone(), source: source.to_string() });
        }
    }
    diagnostics
}
