//! The request side of `aws.protocols#awsQuery` and `ec2Query`: the input as
//! `application/x-www-form-urlencoded` pairs after `Action` and `Version`.
//!
//! Keys are member names joined with `.`. awsQuery names a member by its `@xmlName` (else its
//! name), writes list items as `Key.member.N` (the item's `@xmlName` instead of `member`; `Key.N`
//! when `@xmlFlattened`), an empty list as `Key=`, and map entries as `Key.entry.N.key` /
//! `.value` (`Key.N.…` when flattened). ec2Query names a member by `@ec2QueryName`, else its
//! `@xmlName` or name with the first letter upper-cased, always writes lists as `Key.N`, and
//! writes nothing for an empty list. Map entries go in key order so the numbering is stable.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::protocol::http_bindings::{text, Place};
use crate::schema::{Member, Schema};
use crate::value::{sorted_entries, Structure, View};

/// The dialect: awsQuery, or ec2Query's naming and list rules.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Query,
    Ec2,
}

/// A form body being written.
pub(crate) struct Form {
    out: String,
    dialect: Dialect,
    /// The key of the value being written.
    key: String,
}

impl Form {
    /// A body that starts `Action={action}&Version={version}`.
    pub(crate) fn new(dialect: Dialect, action: &str, version: &str) -> Form {
        let mut form = Form { out: String::with_capacity(256), dialect, key: String::new() };
        form.out.push_str("Action=");
        form.out.push_str(&crate::text::encode_query(action));
        form.out.push_str("&Version=");
        form.out.push_str(&crate::text::encode_query(version));
        form
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }

    fn pair(&mut self, value: &str) {
        self.out.push('&');
        self.out.push_str(&crate::text::encode_query(&self.key));
        self.out.push('=');
        self.out.push_str(&crate::text::encode_query(value));
    }

    /// Append `.segment` (or `segment` at the top level) to the key; returns the length to truncate back to.
    fn push(&mut self, segment: &str) -> usize {
        let len = self.key.len();
        if len > 0 {
            self.key.push('.');
        }
        self.key.push_str(segment);
        len
    }

    fn push_index(&mut self, index: usize) -> usize {
        let len = self.key.len();
        // Writing into a `String` cannot fail.
        let _ = write!(self.key, ".{}", index + 1);
        len
    }

    fn member_name<'m>(&self, member: &'m Member) -> Cow<'m, str> {
        match (self.dialect, member.ec2_query_name, member.xml.name) {
            (Dialect::Query, _, Some(name)) => Cow::Borrowed(name),
            (Dialect::Query, _, None) => Cow::Borrowed(member.name),
            (Dialect::Ec2, Some(name), _) => Cow::Borrowed(name),
            (Dialect::Ec2, None, name) => capitalized(name.unwrap_or(member.name)),
        }
    }

    /// The members of a structure (`top_level`: an operation input, which sends no defaults).
    pub(crate) fn structure(&mut self, schema: &Schema, value: &dyn Structure) {
        let mut token = None;
        for (index, member) in schema.members.iter().enumerate() {
            let view = match value.member(index).and_then(|slot| slot.get()) {
                Some(v) => v.view(),
                None if member.idempotency_token => View::String(token.insert(crate::text::new_idempotency_token())),
                None => match member.unset_value {
                    Some(value) => View::String(value),
                    None => continue,
                },
            };
            let name = self.member_name(member);
            let len = self.push(&name);
            self.value(view, member);
            self.key.truncate(len);
        }
    }

    fn value(&mut self, view: View<'_>, member: &Member) {
        match view {
            View::List(list) => {
                let item = member.target.item();
                if list.is_empty() {
                    if self.dialect == Dialect::Query {
                        self.pair("");
                    }
                    return;
                }
                let wrapped = self.dialect == Dialect::Query && !member.xml.flattened;
                for i in 0..list.len() {
                    let Some(v) = list.item(i) else { continue };
                    let len = if wrapped { self.push(item.xml.name.unwrap_or("member")) } else { self.key.len() };
                    self.push_index(i);
                    self.value(v.view(), item);
                    self.key.truncate(len);
                }
            }
            View::Map(map) => {
                let (key_member, value_member) = (member.target.item(), member.target.value());
                let wrapped = !member.xml.flattened;
                for (i, (key, v)) in sorted_entries(map).into_iter().enumerate() {
                    let len = if wrapped { self.push("entry") } else { self.key.len() };
                    self.push_index(i);
                    let entry = self.key.len();
                    self.push(key_member.xml.name.unwrap_or("key"));
                    self.pair(key);
                    self.key.truncate(entry);
                    self.push(value_member.xml.name.unwrap_or("value"));
                    self.value(v.view(), value_member);
                    self.key.truncate(len);
                }
            }
            View::Structure(schema, s) => self.structure(schema, s),
            View::Union(schema, u) => {
                if let Some((index, Some(v))) = u.variant() {
                    if let Some(variant) = schema.members.get(index) {
                        let name = self.member_name(variant);
                        let len = self.push(&name);
                        self.value(v.view(), variant);
                        self.key.truncate(len);
                    }
                }
            }
            View::Null => {}
            scalar => {
                if let Some(text) = text(scalar, member, Place::Query) {
                    self.pair(&text);
                }
            }
        }
    }
}

fn capitalized(name: &str) -> Cow<'_, str> {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => Cow::Owned(first.to_uppercase().chain(chars).collect()),
        _ => Cow::Borrowed(name),
    }
}
