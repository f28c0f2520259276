//! XML for the restXml, awsQuery and ec2Query protocols: [`parse`] reads a document into a small
//! [`Element`] tree, [`XmlWriter`] builds request bodies, and [`XmlDecoder`] and
//! [`write_structure`] map trees and values onto each other by their schemas.
//!
//! Tokens come from `xmlparser` 0.13.6 (what aws-smithy-xml uses; no dependencies, no unsafe,
//! strict about names and characters). Clean release builds, 2 cores: xmlparser 1.2 s, roxmltree
//! 0.21 2.8 s, quick-xml 0.41 (newest for Rust 1.85) 3.1 s with memchr. Its author retired it for
//! roxmltree in 2023 and passed it on; XML 1.0 does not move, and a vendored copy is the fallback.
//!
//! The parser never recurses, refuses more than [`MAX_DEPTH`] levels of nesting, expands no
//! entities beyond the five predefined ones and character references (a DOCTYPE that declares
//! entities is an error), and reports problems as an [`XmlError`] with a line and column.

mod decode;
mod encode;
mod parse;
mod write;

use std::borrow::Cow;

pub use decode::XmlDecoder;
pub use encode::{payload_name, root_name, write_payload, write_structure, write_value};
pub use parse::{parse, XmlError};
pub use write::XmlWriter;

/// The deepest nesting of elements [`parse`] accepts: the limit the JSON parser has.
pub const MAX_DEPTH: usize = 128;

/// An element: its name as written (`prefix:local` or `local`), its attributes in document order
/// and its content.
///
/// `Clone`, `PartialEq` and `Debug` recurse, which is fine for trees from [`parse`] (at most
/// [`MAX_DEPTH`] deep); dropping never does, so a tree built by hand may be arbitrarily deep.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    /// The name as written, prefix included.
    pub name: String,
    /// The attributes, namespace declarations included, in document order.
    pub attributes: Vec<Attribute>,
    /// Child elements and text, in document order; adjacent text (CDATA included) is one
    /// [`Content::Text`].
    pub children: Vec<Content>,
}

/// An attribute: its name as written and its value, unescaped and normalized as XML requires.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attribute {
    /// The name as written (`xmlns:baz`, `xsi:type`, `id`).
    pub name: String,
    /// The value, references replaced.
    pub value: String,
}

/// What an element holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// A child element.
    Element(Element),
    /// Text, unescaped (line ends normalized to `\n`, as XML requires).
    Text(String),
}

/// The part of a qualified name after its prefix.
pub(crate) fn local(name: &str) -> &str {
    match name.split_once(':') {
        Some((_, local)) => local,
        None => name,
    }
}

fn is_namespace_declaration(name: &str) -> bool {
    name == "xmlns" || name.starts_with("xmlns:")
}

impl Element {
    /// An element with no attributes or content.
    pub fn new(name: impl Into<String>) -> Element {
        Element { name: name.into(), attributes: Vec::new(), children: Vec::new() }
    }

    /// The name without its prefix: what Smithy's XML bindings compare.
    pub fn local_name(&self) -> &str {
        local(&self.name)
    }

    /// The prefix of the name, if it has one.
    pub fn prefix(&self) -> Option<&str> {
        self.name.split_once(':').map(|(prefix, _)| prefix)
    }

    /// The value of the first attribute with this local name; namespace declarations
    /// (`xmlns`, `xmlns:p`) are not attributes here.
    pub fn attribute(&self, local_name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| !is_namespace_declaration(&a.name) && a.local_name() == local_name)
            .map(|a| a.value.as_str())
    }

    /// The text children joined, unescaped and untrimmed (child elements are skipped).
    pub fn text(&self) -> Cow<'_, str> {
        let mut texts = self.children.iter().filter_map(|c| match c {
            Content::Text(text) => Some(text.as_str()),
            Content::Element(_) => None,
        });
        let Some(first) = texts.next() else { return Cow::Borrowed("") };
        match texts.next() {
            None => Cow::Borrowed(first),
            Some(second) => {
                let mut joined = String::from(first);
                joined.push_str(second);
                texts.for_each(|text| joined.push_str(text));
                Cow::Owned(joined)
            }
        }
    }

    /// The child elements in document order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> + '_ {
        self.children.iter().filter_map(|c| match c {
            Content::Element(element) => Some(element),
            Content::Text(_) => None,
        })
    }

    /// The child elements with this local name, in document order.
    pub fn elements_named<'a>(&'a self, local_name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements().filter(move |e| e.local_name() == local_name)
    }

    /// The first child element with this local name.
    pub fn element(&self, local_name: &str) -> Option<&Element> {
        self.elements().find(|e| e.local_name() == local_name)
    }

    /// Whether any child is an element.
    pub fn has_elements(&self) -> bool {
        self.children.iter().any(|c| matches!(c, Content::Element(_)))
    }
}

impl Drop for Element {
    fn drop(&mut self) {
        // Children of children move onto one heap stack, so a deep tree (built by hand; parsed
        // ones are shallow) never drops recursively. Leaves, the common case, skip the stack.
        let leaves = self.children.iter().all(|c| match c {
            Content::Element(e) => e.children.is_empty(),
            Content::Text(_) => true,
        });
        if leaves {
            return;
        }
        let mut stack = std::mem::take(&mut self.children);
        while let Some(content) = stack.pop() {
            if let Content::Element(mut element) = content {
                stack.append(&mut element.children);
            }
        }
    }
}

impl Attribute {
    /// The name without its prefix.
    pub fn local_name(&self) -> &str {
        local(&self.name)
    }

    /// The prefix of the name, if it has one.
    pub fn prefix(&self) -> Option<&str> {
        self.name.split_once(':').map(|(prefix, _)| prefix)
    }
}

#[cfg(all(test, feature = "json"))]
mod tests {
    #[test]
    fn nesting_limit_is_the_json_one() {
        assert_eq!(super::MAX_DEPTH, crate::json::MAX_DEPTH);
    }
}
