//! Smithy node values (trait values such as `@default`, protocol-test parameters) as a typed tree,
//! so nothing after checking reads `serde_json::Value`.

use serde_json::Value;

/// A node value. Numbers keep the text the model wrote (`2.2` stays `2.2`); object entries keep
/// their order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Node {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl Node {
    pub fn from_json(value: &Value) -> Node {
        match value {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => Node::Number(n.to_string()),
            Value::String(s) => Node::String(s.clone()),
            Value::Array(items) => Node::Array(items.iter().map(Node::from_json).collect()),
            Value::Object(entries) => Node::Object(entries.iter().map(|(k, v)| (k.clone(), Node::from_json(v))).collect()),
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Node::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<&str> {
        match self {
            Node::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node]> {
        match self {
            Node::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[(String, Node)]> {
        match self {
            Node::Object(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value of `key` in an object (the last entry when repeated).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_object()?.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Node::Null)
    }

    /// The node as JSON text (for documentation and error messages).
    pub fn to_json(&self) -> String {
        fn write(node: &Node, out: &mut String) {
            match node {
                Node::Null => out.push_str("null"),
                Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
                Node::Number(n) => out.push_str(n),
                Node::String(s) => out.push_str(&Value::String(s.clone()).to_string()),
                Node::Array(items) => {
                    out.push('[');
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        write(item, out);
                    }
                    out.push(']');
                }
                Node::Object(entries) => {
                    out.push('{');
                    for (i, (key, value)) in entries.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        out.push_str(&Value::String(key.clone()).to_string());
                        out.push(':');
                        write(value, out);
                    }
                    out.push('}');
                }
            }
        }
        let mut out = String::new();
        write(self, &mut out);
        out
    }
}
