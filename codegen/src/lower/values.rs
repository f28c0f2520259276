//! Node values read as values of the crate's types: `@default`s (checked to fit) and the
//! parameters of protocol-compliance cases (built into [`Literal`]s).

use super::Lowerer;
use crate::ir::protocol_tests::{Literal, NonFinite};
use crate::ir::{NamedKind, Type, TypeDef};
use crate::node::Node;

/// Whether `node` is a valid `@default` for a value of type `ty` (Smithy allows empty lists and
/// maps only, and no structures or unions).
pub(super) fn default_fits(ty: &Type, node: &Node) -> bool {
    match (ty, node) {
        (Type::String, Node::String(_)) | (Type::Bool, Node::Bool(_)) => true,
        (Type::I8, Node::Number(n)) => n.parse::<i8>().is_ok(),
        (Type::I16, Node::Number(n)) => n.parse::<i16>().is_ok(),
        (Type::I32, Node::Number(n)) => n.parse::<i32>().is_ok(),
        (Type::I64, Node::Number(n)) => n.parse::<i64>().is_ok(),
        (Type::F32 | Type::F64, Node::Number(n)) => n.parse::<f64>().is_ok(),
        (Type::F32 | Type::F64, Node::String(s)) => matches!(s.as_str(), "NaN" | "Infinity" | "-Infinity"),
        (Type::BigInteger | Type::BigDecimal, Node::Number(_)) => true,
        (Type::Blob, Node::String(s)) => base64_decode(s).is_some(),
        (Type::Timestamp, Node::Number(_) | Node::String(_)) => true,
        (Type::Document, _) => true,
        (Type::Named { kind: NamedKind::Enum, .. }, Node::String(_)) => true,
        (Type::Named { kind: NamedKind::IntEnum, .. }, Node::Number(n)) => n.parse::<i32>().is_ok(),
        (Type::List { .. }, Node::Array(items)) => items.is_empty(),
        (Type::Map { .. }, Node::Object(entries)) => entries.is_empty(),
        _ => false,
    }
}

/// Standard base64 (padding optional), for blob values written in models.
pub(super) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let bytes: Vec<u8> = text.bytes().filter(|b| *b != b'=').collect();
    let mut out = Vec::new();
    for chunk in bytes.chunks(4) {
        let mut acc = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            acc |= value(*c)? << (18 - 6 * i);
        }
        let n = chunk.len() * 6 / 8;
        out.extend_from_slice(&acc.to_be_bytes()[1..1 + n]);
    }
    Some(out)
}

/// How node values name structure members.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Keys {
    /// By member name, every key must be a member (test `params`).
    Members,
    /// By JSON name, as a request body written for servers: blobs are base64 and unknown keys
    /// are ignored, as a server would.
    Wire,
}

impl Lowerer<'_> {
    /// `node` as a value of type `ty`; `Err` says why it cannot be built.
    pub(super) fn literal(&self, types: &[Option<TypeDef>], ty: &Type, node: &Node, keys: Keys) -> Result<Literal, String> {
        let int = |n: &str| -> Result<i64, String> { n.parse::<i64>().map_err(|_| format!("`{n}` does not fit the member's integer type")) };
        Ok(match (ty, node) {
            (Type::String, Node::String(s)) => Literal::String(s.clone()),
            (Type::Bool, Node::Bool(b)) => Literal::Bool(*b),
            (Type::I8, Node::Number(n)) => Literal::I8(int(n)?.try_into().map_err(|_| format!("`{n}` does not fit a byte"))?),
            (Type::I16, Node::Number(n)) => Literal::I16(int(n)?.try_into().map_err(|_| format!("`{n}` does not fit a short"))?),
            (Type::I32, Node::Number(n)) => Literal::I32(int(n)?.try_into().map_err(|_| format!("`{n}` does not fit an integer"))?),
            (Type::I64, Node::Number(n)) => Literal::I64(int(n)?),
            (Type::F32 | Type::F64, Node::String(s)) => {
                let value = match s.as_str() {
                    "NaN" => NonFinite::NaN,
                    "Infinity" => NonFinite::Infinity,
                    "-Infinity" => NonFinite::NegInfinity,
                    _ => return Err(format!("cannot build a float from {s:?}")),
                };
                Literal::NonFinite { single: matches!(ty, Type::F32), value }
            }
            (Type::F32, Node::Number(n)) => Literal::F32(n.parse().map_err(|_| format!("float `{n}`"))?),
            (Type::F64, Node::Number(n)) => Literal::F64(n.parse().map_err(|_| format!("float `{n}`"))?),
            (Type::BigInteger, Node::Number(n)) => Literal::BigInteger(n.clone()),
            (Type::BigDecimal, Node::Number(n)) => Literal::BigDecimal(n.clone()),
            (Type::Blob, Node::String(s)) => match keys {
                Keys::Wire => Literal::Blob(base64_decode(s).ok_or_else(|| format!("`{s}` is not base64"))?),
                Keys::Members => Literal::Blob(s.as_bytes().to_vec()),
            },
            (Type::Timestamp, Node::Number(n)) => {
                // Exact: the fraction's digits are nanoseconds, with no float rounding in between.
                let (whole, frac) = n.split_once('.').unwrap_or((n, ""));
                let whole: i64 = whole.parse().map_err(|_| format!("timestamp `{n}`"))?;
                let digits: String = frac.chars().chain(std::iter::repeat('0')).take(9).collect();
                let frac: u32 = digits.parse().map_err(|_| format!("timestamp `{n}`"))?;
                let (secs, nanos) = if whole < 0 && frac > 0 { (whole - 1, 1_000_000_000 - frac) } else { (whole, frac) };
                Literal::Timestamp { secs, nanos }
            }
            (Type::Timestamp, Node::String(s)) => Literal::TimestampText(s.clone()),
            (Type::Document, node) => Literal::Document(node.clone()),
            (Type::Named { kind: NamedKind::Enum, id, .. }, Node::String(s)) => Literal::Enum { ty: *id, value: s.clone() },
            (Type::Named { kind: NamedKind::IntEnum, id, .. }, Node::Number(n)) => {
                Literal::IntEnum { ty: *id, value: int(n)?.try_into().map_err(|_| format!("`{n}` does not fit an intEnum"))? }
            }
            (Type::Named { kind: NamedKind::Structure, id, boxed }, Node::Object(entries)) => {
                let built = self.structure_literal(types, *id, entries, keys)?;
                if *boxed { Literal::Boxed(Box::new(built)) } else { built }
            }
            (Type::Named { kind: NamedKind::Union, id, boxed }, Node::Object(entries)) => {
                let Some(TypeDef::Union(u)) = types.get(*id).and_then(Option::as_ref) else { return Err(format!("no union with type id {id}")) };
                let (key, inner) = entries.first().ok_or("an empty union value")?;
                let index = u.variants.iter().position(|v| &v.member == key).ok_or_else(|| format!("union member `{key}`"))?;
                let value = match &u.variants[index].ty {
                    None => None,
                    Some(vty) => Some(Box::new(self.literal(types, vty, inner, keys)?)),
                };
                let built = Literal::Union { ty: *id, variant: index, value };
                if *boxed { Literal::Boxed(Box::new(built)) } else { built }
            }
            (Type::List { item, sparse }, Node::Array(items)) => Literal::List(
                items
                    .iter()
                    .map(|v| match (sparse, v) {
                        (true, Node::Null) => Ok(Literal::Optional(None)),
                        (true, v) => Ok(Literal::Optional(Some(Box::new(self.literal(types, item, v, keys)?)))),
                        (false, v) => self.literal(types, item, v, keys),
                    })
                    .collect::<Result<_, _>>()?,
            ),
            (Type::Map { key, value, sparse }, Node::Object(entries)) => Literal::Map(
                entries
                    .iter()
                    .map(|(k, v)| {
                        let key = self.literal(types, key, &Node::String(k.clone()), keys)?;
                        let value = match (sparse, v) {
                            (true, Node::Null) => Literal::Optional(None),
                            (true, v) => Literal::Optional(Some(Box::new(self.literal(types, value, v, keys)?))),
                            (false, v) => self.literal(types, value, v, keys)?,
                        };
                        Ok((key, value))
                    })
                    .collect::<Result<_, String>>()?,
            ),
            (ty, node) => return Err(format!("cannot build a {ty:?} from {}", node.to_json())),
        })
    }

    /// A structure from an object node (null members are left unset).
    pub(super) fn structure_literal(&self, types: &[Option<TypeDef>], id: usize, entries: &[(String, Node)], keys: Keys) -> Result<Literal, String> {
        let Some(TypeDef::Structure(s)) = types.get(id).and_then(Option::as_ref) else { return Err(format!("no structure with type id {id}")) };
        let mut fields = Vec::new();
        for (key, value) in entries {
            let found = s.fields.iter().position(|f| match keys {
                Keys::Wire => f.schema.json_name.as_deref().unwrap_or(&f.member) == key,
                Keys::Members => &f.member == key,
            });
            let Some(index) = found else {
                if keys == Keys::Wire {
                    continue;
                }
                return Err(format!("`{}` has no member `{key}`", s.shape_id));
            };
            if value.is_null() {
                continue;
            }
            fields.push((index, self.literal(types, &s.fields[index].ty, value, keys)?));
        }
        Ok(Literal::Structure { ty: id, fields })
    }
}
