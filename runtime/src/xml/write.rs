//! [`XmlWriter`]: compact XML text, escaped the way the AWS SDKs escape it.

/// Builds compact XML text (no declaration, no indentation).
///
/// A start tag stays open for [`attribute`](Self::attribute) and
/// [`namespace`](Self::namespace) until content or the end is written. Misuse (an attribute
/// after content, unbalanced ends) is a bug in the caller: debug builds assert, release builds
/// never panic but may produce malformed XML.
///
/// Text escapes `&`, `<` and `>`, and attribute values also `"`. Line ends (`\r`, `\n`, and
/// U+0085 and U+2028, which XML 1.1 counts as line ends) are written as character references, as
/// the AWS SDKs do, so a service's XML parser cannot normalize them away; so are tabs in
/// attribute values (attribute-value normalization would turn them into spaces). Other control
/// characters, which XML 1.0 cannot carry at all, are written as character references too.
///
/// `w.start_element("a").attribute("id", "1").text("x & y").end_element()` writes
/// `<a id="1">x &amp; y</a>`.
#[derive(Debug, Clone, Default)]
pub struct XmlWriter {
    out: String,
    /// The names of the open elements, one after the other; `lengths` splits them.
    names: String,
    lengths: Vec<usize>,
    /// A start tag is waiting for its `>`.
    in_tag: bool,
}

const TEXT: u8 = 1;
const ATTRIBUTE: u8 = 2;
/// The first byte of U+0085 (`C2 85`) or U+2028 (`E2 80 A8`): look at what follows.
const LEAD: u8 = TEXT | ATTRIBUTE | 4;

/// For each byte, the contexts in which it needs escaping.
static CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        class[b] = TEXT | ATTRIBUTE;
        b += 1;
    }
    class[b'\t' as usize] = ATTRIBUTE;
    class[b'&' as usize] = TEXT | ATTRIBUTE;
    class[b'<' as usize] = TEXT | ATTRIBUTE;
    class[b'>' as usize] = TEXT | ATTRIBUTE;
    class[b'"' as usize] = ATTRIBUTE;
    class[0xC2] = LEAD;
    class[0xE2] = LEAD;
    class
};

fn write_escaped(out: &mut String, text: &str, context: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let bytes = text.as_bytes();
    out.reserve(text.len());
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if CLASS[usize::from(b)] & context == 0 {
            i += 1;
            continue;
        }
        let (escape, len) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\t' => ("&#x9;", 1),
            b'\n' => ("&#xA;", 1),
            b'\r' => ("&#xD;", 1),
            0xC2 if bytes.get(i + 1) == Some(&0x85) => ("&#x85;", 2),
            0xE2 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0xA8][..]) => ("&#x2028;", 3),
            0xC2 | 0xE2 => {
                i += 1;
                continue;
            }
            _ => ("", 1),
        };
        // Every escaped byte is ASCII or a lead byte, so `i` is on a character boundary.
        out.push_str(&text[start..i]);
        if escape.is_empty() {
            out.push_str("&#x");
            if b >= 0x10 {
                out.push(char::from(HEX[usize::from(b >> 4)]));
            }
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
            out.push(';');
        } else {
            out.push_str(escape);
        }
        i += len;
        start = i;
    }
    out.push_str(&text[start..]);
}

impl XmlWriter {
    /// An empty writer.
    pub fn new() -> XmlWriter {
        XmlWriter::default()
    }

    fn close_tag(&mut self) {
        if self.in_tag {
            self.out.push('>');
            self.in_tag = false;
        }
    }

    /// Open `<name`; attributes and namespaces may follow until content or the end.
    pub fn start_element(&mut self, name: &str) -> &mut Self {
        self.close_tag();
        self.out.push('<');
        self.out.push_str(name);
        self.names.push_str(name);
        self.lengths.push(name.len());
        self.in_tag = true;
        self
    }

    /// An attribute of the start tag just opened: ` name="value"`, the value escaped.
    pub fn attribute(&mut self, name: &str, value: &str) -> &mut Self {
        debug_assert!(self.in_tag, "XmlWriter::attribute after the start tag was closed");
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        write_escaped(&mut self.out, value, ATTRIBUTE);
        self.out.push('"');
        self
    }

    /// A namespace declaration on the start tag just opened: ` xmlns="uri"`, or
    /// ` xmlns:prefix="uri"` with a prefix.
    pub fn namespace(&mut self, uri: &str, prefix: Option<&str>) -> &mut Self {
        debug_assert!(self.in_tag, "XmlWriter::namespace after the start tag was closed");
        self.out.push_str(" xmlns");
        if let Some(prefix) = prefix {
            self.out.push(':');
            self.out.push_str(prefix);
        }
        self.out.push_str("=\"");
        write_escaped(&mut self.out, uri, ATTRIBUTE);
        self.out.push('"');
        self
    }

    /// Text content, escaped.
    pub fn text(&mut self, text: &str) -> &mut Self {
        debug_assert!(!self.lengths.is_empty(), "XmlWriter::text outside an element");
        self.close_tag();
        write_escaped(&mut self.out, text, TEXT);
        self
    }

    /// Close the innermost element with `</name>` (an element without content is written
    /// `<name></name>`, as the protocol tests write empty values).
    pub fn end_element(&mut self) -> &mut Self {
        self.close_tag();
        let len = self.lengths.pop().unwrap_or_default();
        debug_assert!(len > 0, "XmlWriter::end_element without an open element");
        let start = self.names.len().saturating_sub(len);
        self.out.push_str("</");
        self.out.push_str(&self.names[start..]);
        self.out.push('>');
        self.names.truncate(start);
        self
    }

    /// Close the element just opened, which has no content, as `<name/>`.
    pub fn end_empty_element(&mut self) -> &mut Self {
        if !self.in_tag {
            debug_assert!(false, "XmlWriter::end_empty_element after content");
            return self.end_element();
        }
        self.out.push_str("/>");
        self.in_tag = false;
        let len = self.lengths.pop().unwrap_or_default();
        self.names.truncate(self.names.len().saturating_sub(len));
        self
    }

    /// The text written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// The finished document.
    pub fn into_string(self) -> String {
        debug_assert!(self.lengths.is_empty() && !self.in_tag, "XmlWriter::into_string with open elements");
        self.out
    }
}
