//! Tokens into a tree. xmlparser checks the syntax of each token; this adds what it leaves to its
//! caller: matching end tags, unique attributes, entity references, line-end and attribute-value
//! normalization, the depth limit, and one complete root element.

use std::borrow::Cow;

use xmlparser::{ElementEnd, StrSpan, Token, Tokenizer};

use super::{Attribute, Content, Element, MAX_DEPTH};

/// The input is not a well-formed XML document (or uses what this parser refuses: entity
/// declarations, other encodings than UTF-8, nesting deeper than [`MAX_DEPTH`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    line: u32,
    column: u32,
    message: String,
}

impl XmlError {
    /// The line of the problem, from 1.
    pub fn line(&self) -> u32 {
        self.line
    }

    /// The column of the problem in characters, from 1.
    pub fn column(&self) -> u32 {
        self.column
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid XML at {}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for XmlError {}

/// The root element of the document in `bytes`.
///
/// The input must be UTF-8 (a byte-order mark is allowed; a declaration naming another encoding
/// is an error). Comments, processing instructions and the XML declaration are skipped, CDATA is
/// text, and references are replaced: `&lt; &gt; &amp; &quot; &apos;` and character references
/// to XML characters; any other entity is an error, and so is a DOCTYPE declaring entities, so
/// nothing expands. Line ends become `\n`; whitespace in attribute values becomes spaces.
/// Whitespace-only text beside child elements is indentation, and is left out of the tree.
///
/// # Errors
///
/// An [`XmlError`] naming the line and column: malformed syntax, mismatched or missing end tags,
/// duplicate attributes, content after the root or no root, invalid UTF-8, or nesting deeper
/// than [`MAX_DEPTH`]. Time and memory grow about linearly with the input; the parser never
/// recurses.
pub fn parse(bytes: &[u8]) -> Result<Element, XmlError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            return Err(error_at(valid, valid.len(), "invalid UTF-8".to_string()));
        }
    };
    let mut builder = Builder { text, stack: Vec::new(), open: None, root: None };
    for token in Tokenizer::from(text) {
        builder.token(token.map_err(tokenizer_error)?)?;
    }
    builder.finish()
}

/// An element being read.
struct Open {
    element: Element,
    /// Where `<` is, for errors about the whole tag.
    at: usize,
    /// A child element has been read: whitespace-only text from here on is indentation.
    has_elements: bool,
}

struct Builder<'a> {
    text: &'a str,
    stack: Vec<Open>,
    open: Option<Open>,
    root: Option<Element>,
}

impl<'a> Builder<'a> {
    fn error<T>(&self, at: usize, message: impl Into<String>) -> Result<T, XmlError> {
        Err(error_at(self.text, at, message.into()))
    }

    /// The name as written: prefix and local part are one run of the source.
    fn name(&self, prefix: StrSpan<'a>, local: StrSpan<'a>) -> &'a str {
        if prefix.as_str().is_empty() { local.as_str() } else { self.text.get(prefix.start()..local.end()).unwrap_or(local.as_str()) }
    }

    fn token(&mut self, token: Token<'a>) -> Result<(), XmlError> {
        match token {
            Token::Declaration { encoding, .. } => {
                if let Some(encoding) = encoding {
                    let name = encoding.as_str();
                    if !["utf-8", "utf8", "us-ascii", "ascii"].iter().any(|e| name.eq_ignore_ascii_case(e)) {
                        return self.error(encoding.start(), format!("the document declares encoding '{}'; only UTF-8 is supported", shown(name)));
                    }
                }
            }
            Token::EntityDeclaration { span, .. } => {
                return self.error(span.start(), "entity declarations are not supported (no entity is ever expanded)");
            }
            Token::ProcessingInstruction { .. } | Token::Comment { .. } | Token::DtdStart { .. } | Token::EmptyDtd { .. } | Token::DtdEnd { .. } => {}
            Token::ElementStart { prefix, local, span } => {
                if self.root.is_some() {
                    return self.error(span.start(), "content after the root element");
                }
                if self.stack.len() >= MAX_DEPTH {
                    return self.error(span.start(), format!("elements are nested more than {MAX_DEPTH} levels deep"));
                }
                let name = self.name(prefix, local);
                self.open = Some(Open { element: Element::new(name), at: span.start(), has_elements: false });
            }
            Token::Attribute { prefix, local, value, span } => {
                let name = self.name(prefix, local).to_string();
                let value = self.unescape(value, true)?.into_owned();
                match self.open.as_mut() {
                    Some(open) => open.element.attributes.push(Attribute { name, value }),
                    None => return self.error(span.start(), "an attribute outside a start tag"),
                }
            }
            Token::ElementEnd { end, span } => match end {
                ElementEnd::Open => {
                    let open = self.take_open(span.start())?;
                    self.stack.push(open);
                }
                ElementEnd::Empty => {
                    let open = self.take_open(span.start())?;
                    self.attach(open.element);
                }
                ElementEnd::Close(prefix, local) => {
                    let written = self.name(prefix, local);
                    let Some(open) = self.stack.pop() else {
                        return self.error(span.start(), format!("</{}> closes no element", shown(written)));
                    };
                    if open.element.name != written {
                        return self.error(
                            span.start(),
                            format!("</{}> does not close <{}>", shown(written), shown(&open.element.name)),
                        );
                    }
                    self.attach(open.element);
                }
            },
            Token::Text { text } => {
                let unescaped = self.unescape(text, false)?;
                self.push_text(unescaped, text.start())?;
            }
            Token::Cdata { text, span } => self.push_text(normalize_line_ends(text.as_str()), span.start())?,
        }
        Ok(())
    }

    fn take_open(&mut self, at: usize) -> Result<Open, XmlError> {
        let Some(open) = self.open.take() else { return self.error(at, "the end of a start tag that was never opened") };
        if has_duplicate(&open.element.attributes) {
            return self.error(open.at, format!("<{}> repeats an attribute", shown(&open.element.name)));
        }
        Ok(open)
    }

    fn attach(&mut self, element: Element) {
        let Some(parent) = self.stack.last_mut() else {
            self.root = Some(element);
            return;
        };
        if !parent.has_elements {
            // Whitespace before the first child element was indentation after all.
            if let [Content::Text(text)] = parent.element.children.as_slice() {
                if is_blank(text) {
                    parent.element.children.clear();
                }
            }
            parent.has_elements = true;
        }
        parent.element.children.push(Content::Element(element));
    }

    fn push_text(&mut self, text: Cow<'_, str>, at: usize) -> Result<(), XmlError> {
        let Some(parent) = self.stack.last_mut() else {
            // The tokenizer yields text only inside the root; this keeps that promise checked.
            return self.error(at, "text outside the root element");
        };
        if text.is_empty() || (parent.has_elements && is_blank(&text)) {
            return Ok(());
        }
        match parent.element.children.last_mut() {
            Some(Content::Text(previous)) => previous.push_str(&text),
            _ => parent.element.children.push(Content::Text(text.into_owned())),
        }
        Ok(())
    }

    fn finish(self) -> Result<Element, XmlError> {
        if let Some(open) = self.open.as_ref().or(self.stack.last()) {
            return self.error(self.text.len(), format!("unexpected end of input: <{}> is not closed", shown(&open.element.name)));
        }
        match self.root {
            Some(root) => Ok(root),
            None => self.error(self.text.len(), "no root element"),
        }
    }

    /// Text or an attribute value with references replaced and line ends normalized; in
    /// attribute values, literal tabs and line ends become spaces (XML's attribute-value
    /// normalization), while `&#10;` and friends stay what they say.
    fn unescape(&self, raw: StrSpan<'a>, attribute: bool) -> Result<Cow<'a, str>, XmlError> {
        let special = |b: u8| b == b'&' || b == b'\r' || (attribute && (b == b'\n' || b == b'\t'));
        let text = raw.as_str();
        let bytes = text.as_bytes();
        let Some(first) = bytes.iter().position(|&b| special(b)) else { return Ok(Cow::Borrowed(text)) };
        let mut out = String::with_capacity(text.len());
        let mut i = first;
        out.push_str(&text[..i]);
        while i < bytes.len() {
            match bytes[i] {
                b'\r' => {
                    i += if bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                    out.push(if attribute { ' ' } else { '\n' });
                }
                b'&' => {
                    let rest = &text[i + 1..];
                    let Some(end) = rest.find(';') else { return self.error(raw.start() + i, "'&' starts no reference (write '&amp;')") };
                    match reference(&rest[..end]) {
                        Ok(c) => out.push(c),
                        Err(message) => return self.error(raw.start() + i, message),
                    }
                    i += end + 2;
                }
                _ => {
                    // A literal tab or line feed in an attribute value.
                    out.push(' ');
                    i += 1;
                }
            }
            let run = bytes[i..].iter().position(|&b| special(b)).map_or(bytes.len(), |at| i + at);
            out.push_str(&text[i..run]);
            i = run;
        }
        Ok(Cow::Owned(out))
    }
}

/// The character a reference (the text between `&` and `;`) stands for.
fn reference(name: &str) -> Result<char, String> {
    let (digits, radix) = match name {
        "lt" => return Ok('<'),
        "gt" => return Ok('>'),
        "amp" => return Ok('&'),
        "quot" => return Ok('"'),
        "apos" => return Ok('\''),
        _ => match name.strip_prefix("#x") {
            Some(hex) => (hex, 16),
            None => match name.strip_prefix('#') {
                Some(decimal) => (decimal, 10),
                None => {
                    return Err(format!(
                        "unknown entity '&{};' (only &lt; &gt; &amp; &quot; &apos; and character references are allowed)",
                        shown(name)
                    ));
                }
            },
        },
    };
    // `from_str_radix` would take a sign; the grammar has digits only.
    let valid = !digits.is_empty() && digits.len() <= 16 && digits.chars().all(|c| c.is_digit(radix));
    let code = if valid { u32::from_str_radix(digits, radix).ok() } else { None };
    match code.and_then(char::from_u32) {
        Some(c) if is_xml_char(c) => Ok(c),
        _ => Err(format!("'&{};' is not a reference to an XML character", shown(name))),
    }
}

/// XML 1.0's `Char`: what a document may contain, literally or by reference.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Whether text is only XML whitespace.
fn is_blank(text: &str) -> bool {
    text.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
}

/// CDATA's line ends as `\n` (CDATA has no references).
fn normalize_line_ends(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

fn has_duplicate(attributes: &[Attribute]) -> bool {
    if attributes.len() <= 8 {
        return (1..attributes.len()).any(|i| attributes[..i].iter().any(|a| a.name == attributes[i].name));
    }
    // Many attributes: sort instead of comparing every pair, so a hostile tag stays n log n.
    let mut names: Vec<&str> = attributes.iter().map(|a| a.name.as_str()).collect();
    names.sort_unstable();
    names.windows(2).any(|pair| pair[0] == pair[1])
}

/// A name or value as shown in a message: the first 64 bytes at most.
fn shown(text: &str) -> &str {
    if text.len() <= 64 {
        return text;
    }
    let mut end = 64;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// An error at byte `at` of `text`, located by line and column (counted only when reporting).
fn error_at(text: &str, at: usize, message: String) -> XmlError {
    let before = text.get(..at).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    XmlError { line: u32::try_from(line).unwrap_or(u32::MAX), column: u32::try_from(column).unwrap_or(u32::MAX), message }
}

fn tokenizer_error(error: xmlparser::Error) -> XmlError {
    use xmlparser::Error as E;
    let (what, cause) = match error {
        E::InvalidDeclaration(cause, _) => ("invalid XML declaration", Some(cause)),
        E::InvalidComment(cause, _) => ("invalid comment", Some(cause)),
        E::InvalidPI(cause, _) => ("invalid processing instruction", Some(cause)),
        E::InvalidDoctype(cause, _) => ("invalid DOCTYPE", Some(cause)),
        E::InvalidEntity(cause, _) => ("invalid entity declaration", Some(cause)),
        E::InvalidElement(cause, _) => ("invalid element", Some(cause)),
        E::InvalidAttribute(cause, _) => ("invalid attribute", Some(cause)),
        E::InvalidCdata(cause, _) => ("invalid CDATA section", Some(cause)),
        E::InvalidCharData(cause, _) => ("invalid text", Some(cause)),
        // Also what the tokenizer says about a second root, or text before or after the root.
        E::UnknownToken(_) => ("unexpected markup or text here (a document is one root element, with only comments, processing instructions, an XML declaration and a DOCTYPE around it)", None),
    };
    let pos = error.pos();
    let message = match cause {
        Some(cause) => format!("{what}: {cause}"),
        None => what.to_string(),
    };
    XmlError { line: pos.row, column: pos.col, message }
}
