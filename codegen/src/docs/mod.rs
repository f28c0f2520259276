//! Smithy `documentation` traits -> rustdoc Markdown.
//!
//! The input was written for the AWS docs toolchain and a browser, both of which forgive
//! anything. The output is read by rustdoc, which lints whatever looks like raw HTML, a bare URL,
//! an intra-doc link or a stray backtick, and the generated crate is built with `-Dwarnings`. So
//! every character of model text is treated as hostile and escaped; only markup produced here is
//! left unescaped.
//!
//! Pipeline: tolerant tokenizer -> tag resolution (what is markup, what is literal text) ->
//! forgiving tree builder -> Markdown renderer -> whitespace tidy.

mod summary;

use std::collections::HashMap;

/// Convert a Smithy documentation string into rustdoc Markdown.
pub fn to_rustdoc(doc: &str) -> String {
    let root = build_tree(resolve_tags(tokenize(doc)));
    let mut blocks = Vec::new();
    render_flow(&root.children, &mut blocks);
    tidy(&join_blocks(&blocks))
}

pub use summary::of_markdown as markdown_summary;

/// The first sentence (or first paragraph) of `to_rustdoc(doc)`, for one-line summaries.
pub fn summary(doc: &str) -> String {
    summary::of_markdown(&to_rustdoc(doc))
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

#[derive(Debug)]
enum Token {
    Text(String),
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
        raw: String,
    },
    End {
        name: String,
        raw: String,
    },
}

/// Bounds the rescanning cost of many unterminated `<a href="...` openers (quadratic otherwise)
/// while leaving room for the longest real-world hrefs.
const MAX_TAG_LEN: usize = 4096;

fn tokenize(doc: &str) -> Vec<Token> {
    let src = doc.replace("\r\n", "\n");
    let bytes = src.as_bytes();
    let scan = Scan {
        last_gt: src.rfind('>'),
        last_comment_end: src.rfind("-->"),
    };
    let mut tokens = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            if let Some((token, end)) = parse_markup(&src, i, &scan) {
                push_text(&mut tokens, &decode_entities(&src[text_start..i]));
                tokens.extend(token);
                i = end;
                text_start = end;
                continue;
            }
        }
        i += 1;
    }
    push_text(&mut tokens, &decode_entities(&src[text_start..]));
    tokens
}

/// Positions that let a failed tag scan give up without walking to the end of the input.
struct Scan {
    last_gt: Option<usize>,
    last_comment_end: Option<usize>,
}

fn push_text(tokens: &mut Vec<Token>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Token::Text(prev)) = tokens.last_mut() {
        prev.push_str(text);
    } else {
        tokens.push(Token::Text(text.to_string()));
    }
}

/// Parses the markup starting at `src[start] == '<'`. `None` means "not markup, a literal `<`";
/// `Some((None, end))` means "markup to skip" (comments, doctypes, processing instructions).
fn parse_markup(src: &str, start: usize, scan: &Scan) -> Option<(Option<Token>, usize)> {
    let rest = &src[start..];
    let b = rest.as_bytes();
    if let Some(body) = rest.strip_prefix("<!--") {
        if scan.last_comment_end? < start + 4 {
            return None;
        }
        let close = body.find("-->")?;
        return Some((None, start + 4 + close + 3));
    }
    if scan.last_gt? < start {
        return None;
    }
    match *b.get(1)? {
        b'!' | b'?' => {
            let close = find_gt(b, 2)?;
            Some((None, start + close + 1))
        }
        b'/' => {
            let (name, pos) = tag_name(b, 2)?;
            let close = find_gt(b, pos)?;
            let raw = rest[..=close].to_string();
            Some((Some(Token::End { name, raw }), start + close + 1))
        }
        c if c.is_ascii_alphabetic() => parse_start_tag(rest, start),
        _ => None,
    }
}

/// Index of the `>` closing a tag-like construct; a `<` first means the construct was never
/// closed and the text after it deserves its own chance to be parsed.
fn find_gt(b: &[u8], from: usize) -> Option<usize> {
    let limit = b.len().min(MAX_TAG_LEN);
    (from..limit)
        .find(|&i| matches!(b[i], b'>' | b'<'))
        .filter(|&i| b[i] == b'>')
}

/// A tag name must be followed by whitespace, `/` or `>`; this keeps `<foo@example.com>`,
/// `<K, V>` and `<https://...>` out of the tag path.
fn tag_name(b: &[u8], from: usize) -> Option<(String, usize)> {
    if !b.get(from)?.is_ascii_alphabetic() {
        return None;
    }
    let mut pos = from;
    while pos < b.len()
        && (b[pos].is_ascii_alphanumeric() || matches!(b[pos], b'-' | b'_' | b':' | b'.'))
    {
        pos += 1;
    }
    let next = *b.get(pos)?;
    if !(next.is_ascii_whitespace() || next == b'/' || next == b'>') {
        return None;
    }
    // The name is ASCII, so this cannot fail; the fallback only avoids a panic path.
    let name = std::str::from_utf8(&b[from..pos])
        .ok()?
        .to_ascii_lowercase();
    Some((name, pos))
}

fn parse_start_tag(rest: &str, start: usize) -> Option<(Option<Token>, usize)> {
    let b = rest.as_bytes();
    let (name, mut pos) = tag_name(b, 1)?;
    let mut attrs = Vec::new();
    loop {
        if pos > MAX_TAG_LEN {
            return None;
        }
        let c = *b.get(pos)?;
        match c {
            b'>' | b'/' if c == b'>' || b.get(pos + 1) == Some(&b'>') => {
                let end = if c == b'>' { pos + 1 } else { pos + 2 };
                let token = Token::Start {
                    name,
                    attrs,
                    self_closing: c == b'/',
                    raw: rest[..end].to_string(),
                };
                return Some((Some(token), start + end));
            }
            b'<' => return None,
            c if c.is_ascii_whitespace() || c == b'/' => pos += 1,
            _ => {
                let name_start = pos;
                pos += 1; // an attribute name may begin with '='
                while pos < b.len()
                    && !b[pos].is_ascii_whitespace()
                    && !matches!(b[pos], b'/' | b'>' | b'=' | b'<')
                {
                    pos += 1;
                }
                let attr_name = rest[name_start..pos].to_ascii_lowercase();
                while pos < b.len() && b[pos].is_ascii_whitespace() {
                    pos += 1;
                }
                let mut value = String::new();
                if b.get(pos) == Some(&b'=') {
                    pos += 1;
                    while pos < b.len() && b[pos].is_ascii_whitespace() {
                        pos += 1;
                    }
                    match b.get(pos) {
                        Some(&q) if q == b'"' || q == b'\'' => {
                            let limit = b.len().min(MAX_TAG_LEN);
                            let close = (pos + 1..limit).find(|&i| b[i] == q)?;
                            value = decode_entities(&rest[pos + 1..close]);
                            pos = close + 1;
                        }
                        _ => {
                            let value_start = pos;
                            while pos < b.len() && !b[pos].is_ascii_whitespace() && b[pos] != b'>' {
                                pos += 1;
                            }
                            value = decode_entities(&rest[value_start..pos]);
                        }
                    }
                }
                attrs.push((attr_name, value));
            }
        }
    }
}

fn decode_entities(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        clean_into(&rest[..amp], &mut out);
        let tail = &rest[amp..];
        match parse_entity(tail) {
            Some((c, len)) => {
                clean_char(c, &mut out);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    clean_into(rest, &mut out);
    out
}

/// `s` starts with `&`. Returns the decoded character and the entity's byte length.
fn parse_entity(s: &str) -> Option<(char, usize)> {
    let semi = s.bytes().take(40).position(|b| b == b';')?;
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let (digits, radix) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (num, 10),
        };
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        // Out-of-range, surrogate and NUL references decode to U+FFFD, as browsers do.
        u32::from_str_radix(digits, radix)
            .ok()
            .and_then(char::from_u32)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}')
    } else {
        named_entity(body)?
    };
    Some((c, semi + 1))
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "shy" => '\u{AD}',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "middot" => '·',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "minus" => '−',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "asymp" => '≈',
        "infin" => '∞',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "harr" => '↔',
        "euro" => '€',
        "pound" => '£',
        "yen" => '¥',
        "cent" => '¢',
        "sect" => '§',
        "para" => '¶',
        "micro" => 'µ',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sup2" => '²',
        "sup3" => '³',
        "prime" => '′',
        "Prime" => '″',
        "dagger" => '†',
        "iexcl" => '¡',
        "iquest" => '¿',
        _ => return None,
    })
}

fn clean_into(s: &str, out: &mut String) {
    for c in s.chars() {
        clean_char(c, out);
    }
}

/// rustc denies bidi overrides in literals and comments (`text_direction_codepoint_in_literal`),
/// a bare CR in a doc comment is a hard error, and NUL is never meaningful in prose.
fn clean_char(c: char, out: &mut String) {
    match c {
        '\0' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
        '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
        '\t' | '\n' => out.push(c),
        c if c.is_control() => out.push(' '),
        c => out.push(c),
    }
}

// ---------------------------------------------------------------------------------------------
// Tag classification

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Block container whose inline runs become paragraphs (`<p>`, `<div>`, `<dd>`, ...).
    Flow,
    List {
        ordered: bool,
    },
    Item,
    /// A block rendered as one bold paragraph (`<dt>`, headings).
    BoldBlock,
    Admonition(&'static str),
    Pre,
    Code,
    Strong,
    Emph,
    Link,
    Break,
    Rule,
    /// Dropped together with its content.
    Skip,
    /// Known HTML whose tags are dropped while the content stays.
    Transparent,
    /// Not an HTML element at all: markup only if paired, otherwise literal text like `Vec<String>`.
    Unknown,
}

fn kind(name: &str) -> Kind {
    match name {
        "p" | "para" | "div" | "dd" | "dl" | "blockquote" | "section" | "article" | "examples"
        | "example" | "table" | "thead" | "tbody" | "tfoot" | "tr" | "caption" | "body"
        | "html" | "header" | "footer" | "main" | "nav" | "aside" | "figure" | "figcaption"
        | "details" | "summary" | "center" | "address" => Kind::Flow,
        "ul" => Kind::List { ordered: false },
        "ol" => Kind::List { ordered: true },
        "li" => Kind::Item,
        "dt" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "title" => Kind::BoldBlock,
        "note" => Kind::Admonition("Note"),
        "important" => Kind::Admonition("Important"),
        "pre" | "programlisting" => Kind::Pre,
        "code" | "tt" | "kbd" | "samp" => Kind::Code,
        "b" | "strong" => Kind::Strong,
        "i" | "em" | "var" | "cite" | "dfn" => Kind::Emph,
        "a" => Kind::Link,
        "br" => Kind::Break,
        "hr" => Kind::Rule,
        "script" | "style" | "fullname" | "head" | "template" | "noscript" => Kind::Skip,
        "span" | "sup" | "sub" | "u" | "s" | "strike" | "del" | "ins" | "small" | "big"
        | "font" | "abbr" | "acronym" | "mark" | "q" | "time" | "data" | "label" | "td" | "th"
        | "col" | "colgroup" | "img" | "wbr" | "input" | "meta" | "link" | "area" | "base"
        | "source" | "embed" | "param" | "track" | "iframe" | "object" | "video" | "audio"
        | "canvas" | "svg" | "math" | "picture" | "map" | "form" | "button" | "select"
        | "option" | "textarea" | "nobr" | "replaceable" | "userinput" | "emphasis"
        | "filename" | "literal" | "guilabel" | "ulink" | "xref" | "seg" => Kind::Transparent,
        _ => Kind::Unknown,
    }
}

fn is_block(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Flow
            | Kind::List { .. }
            | Kind::Item
            | Kind::BoldBlock
            | Kind::Admonition(_)
            | Kind::Pre
            | Kind::Rule
    )
}

/// Decides, with the whole token stream in view, which tags are markup. Unknown names are only
/// trusted when paired, so `Vec<String>` or `<code><view-id>:$SAVED</code>` keep their text.
fn resolve_tags(tokens: Vec<Token>) -> Vec<Token> {
    let mut first_start: HashMap<String, usize> = HashMap::new();
    let mut last_end: HashMap<String, usize> = HashMap::new();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Start { name, .. } => {
                first_start.entry(name.clone()).or_insert(i);
            }
            Token::End { name, .. } => {
                last_end.insert(name.clone(), i);
            }
            Token::Text(_) => {}
        }
    }
    let closed_later = |name: &str, i: usize| last_end.get(name).is_some_and(|&e| e > i);
    let opened_before = |name: &str, i: usize| first_start.get(name).is_some_and(|&s| s < i);

    let mut out = Vec::with_capacity(tokens.len());
    let mut skipping: Option<(String, usize)> = None;
    for (i, token) in tokens.into_iter().enumerate() {
        if let Some((skip_name, depth)) = &mut skipping {
            match &token {
                Token::Start {
                    name,
                    self_closing: false,
                    ..
                } if *name == *skip_name => *depth += 1,
                Token::End { name, .. } if *name == *skip_name => {
                    *depth -= 1;
                    if *depth == 0 {
                        skipping = None;
                    }
                }
                _ => {}
            }
            continue;
        }
        let literal = match &token {
            Token::Text(_) => None,
            Token::Start {
                name,
                self_closing,
                raw,
                ..
            } => match kind(name) {
                Kind::Skip if !self_closing && closed_later(name, i) => {
                    skipping = Some((name.clone(), 1));
                    continue;
                }
                // A broken <fullname> only loses its tag; an unclosed `<script>` is more likely
                // prose about the tag than markup.
                Kind::Skip if *self_closing || name == "fullname" => continue,
                Kind::Skip => Some(raw),
                Kind::Unknown if !self_closing && !closed_later(name, i) => Some(raw),
                Kind::Unknown => continue,
                _ => None,
            },
            Token::End { name, raw } => match kind(name) {
                Kind::Unknown if !opened_before(name, i) => Some(raw),
                Kind::Unknown | Kind::Skip => continue,
                _ => None,
            },
        };
        match literal {
            Some(raw) => {
                let text = decode_entities(raw);
                push_text(&mut out, &text);
            }
            None => match token {
                Token::Text(text) => push_text(&mut out, &text),
                other => out.push(other),
            },
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Tree

#[derive(Debug)]
enum Node {
    Text(String),
    Elem(Elem),
}

#[derive(Debug)]
struct Elem {
    name: String,
    kind: Kind,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

impl Elem {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Recursion in the renderer follows tree depth; deeper nesting is flattened rather than
/// risking a stack overflow on adversarial input.
const MAX_DEPTH: usize = 48;

fn build_tree(tokens: Vec<Token>) -> Elem {
    let mut stack = vec![Elem {
        name: String::new(),
        kind: Kind::Flow,
        attrs: Vec::new(),
        children: Vec::new(),
    }];
    for token in tokens {
        match token {
            Token::Text(text) => push_text_node(top(&mut stack), text),
            Token::Start {
                name,
                attrs,
                self_closing,
                ..
            } => {
                let kind = kind(&name);
                match kind {
                    Kind::Transparent => {
                        if name == "img" {
                            if let Some((_, alt)) = attrs.iter().find(|(n, _)| n == "alt") {
                                push_text_node(top(&mut stack), format!(" {alt} "));
                            }
                        } else if name == "td" || name == "th" {
                            // Cells often abut without whitespace; keep their words apart.
                            push_text_node(top(&mut stack), " ".to_string());
                        }
                        continue;
                    }
                    Kind::Skip | Kind::Unknown => continue,
                    Kind::Item => {
                        close_implicit(&mut stack, &["li"], |e| matches!(e.kind, Kind::List { .. }))
                    }
                    _ if name == "dt" || name == "dd" => {
                        close_implicit(&mut stack, &["dt", "dd"], |e| e.name == "dl")
                    }
                    _ => {}
                }
                let elem = Elem {
                    name,
                    kind,
                    attrs,
                    children: Vec::new(),
                };
                if self_closing
                    || matches!(kind, Kind::Break | Kind::Rule)
                    || stack.len() > MAX_DEPTH
                {
                    top(&mut stack).children.push(Node::Elem(elem));
                } else {
                    stack.push(elem);
                }
            }
            Token::End { name, .. } => {
                if let Some(pos) = stack.iter().rposition(|e| e.name == name) {
                    if pos > 0 {
                        pop_to(&mut stack, pos);
                    }
                }
            }
        }
    }
    pop_to(&mut stack, 1);
    stack
        .pop()
        .unwrap_or_else(|| unreachable!("the root is never popped"))
}

fn top(stack: &mut [Elem]) -> &mut Elem {
    stack
        .last_mut()
        .unwrap_or_else(|| unreachable!("the root is never popped"))
}

fn push_text_node(elem: &mut Elem, text: String) {
    if let Some(Node::Text(prev)) = elem.children.last_mut() {
        prev.push_str(&text);
    } else {
        elem.children.push(Node::Text(text));
    }
}

/// Pops elements until the stack has `len` entries, attaching each to its parent.
fn pop_to(stack: &mut Vec<Elem>, len: usize) {
    while stack.len() > len.max(1) {
        if let Some(elem) = stack.pop() {
            top(stack).children.push(Node::Elem(elem));
        }
    }
}

/// `<li>`, `<dt>` and `<dd>` are routinely left unclosed; a new one closes the previous one
/// unless a list boundary intervenes.
fn close_implicit(stack: &mut Vec<Elem>, names: &[&str], boundary: impl Fn(&Elem) -> bool) {
    for pos in (1..stack.len()).rev() {
        if boundary(&stack[pos]) {
            return;
        }
        if names.contains(&stack[pos].name.as_str()) {
            pop_to(stack, pos);
            return;
        }
    }
}

fn text_content(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Elem(e) if e.kind == Kind::Break => out.push('\n'),
            Node::Elem(e) => text_content(&e.children, out),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Block rendering

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BlockKind {
    Para,
    Code,
    List,
}

#[derive(Debug)]
struct Block {
    kind: BlockKind,
    text: String,
}

fn join_blocks(blocks: &[Block]) -> String {
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    texts.join("\n\n")
}

fn render_flow(children: &[Node], out: &mut Vec<Block>) {
    let mut run: Vec<&Node> = Vec::new();
    let mut i = 0;
    while i < children.len() {
        match &children[i] {
            Node::Elem(e) if e.kind == Kind::Item => {
                // Stray <li>s outside a list still deserve to be a list.
                flush_run(&mut run, out);
                let start = i;
                while i + 1 < children.len() && is_item_or_blank(&children[i + 1]) {
                    i += 1;
                }
                out.extend(render_list(&children[start..=i], false));
            }
            Node::Elem(e) if is_block(e.kind) => {
                flush_run(&mut run, out);
                render_block(e, out);
            }
            node => run.push(node),
        }
        i += 1;
    }
    flush_run(&mut run, out);
}

fn is_item_or_blank(node: &Node) -> bool {
    match node {
        Node::Elem(e) => e.kind == Kind::Item,
        Node::Text(t) => t.trim().is_empty(),
    }
}

fn render_block(e: &Elem, out: &mut Vec<Block>) {
    match e.kind {
        Kind::List { ordered } => out.extend(render_list(&e.children, ordered)),
        Kind::BoldBlock => {
            let mut w = Inline::new(true);
            w.emphasis("**", &e.children);
            out.extend(paragraphs(&w.buf));
        }
        Kind::Admonition(label) => {
            let mut inner = Vec::new();
            render_flow(&e.children, &mut inner);
            if inner.is_empty() {
                return;
            }
            let label = format!("**{label}:**");
            match inner.first_mut() {
                Some(first) if first.kind == BlockKind::Para => {
                    first.text = format!("{label} {}", first.text);
                }
                _ => out.push(Block {
                    kind: BlockKind::Para,
                    text: label,
                }),
            }
            out.extend(inner);
        }
        Kind::Pre => {
            let mut raw = String::new();
            text_content(&e.children, &mut raw);
            out.extend(code_block(&raw));
        }
        Kind::Rule => {}
        _ => render_flow(&e.children, out),
    }
}

/// An inline run becomes paragraphs, except that a lone multi-line `<code>` is a code block:
/// that is how the AWS docs write examples without `<pre>`.
fn flush_run(run: &mut Vec<&Node>, out: &mut Vec<Block>) {
    let mut meaningful = run
        .iter()
        .filter(|n| !matches!(n, Node::Text(t) if t.trim().is_empty()));
    if let (Some(Node::Elem(e)), None) = (meaningful.next(), meaningful.next()) {
        if e.kind == Kind::Code {
            let mut raw = String::new();
            text_content(&e.children, &mut raw);
            if raw.trim().contains('\n') {
                out.extend(code_block(&raw));
                run.clear();
                return;
            }
        }
    }
    let mut w = Inline::new(true);
    for node in run.drain(..) {
        w.node(node);
    }
    out.extend(paragraphs(&w.buf));
}

/// `<br>` arrives as `\n`: one becomes a hard break, two or more end the paragraph.
fn paragraphs(buf: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    for line in buf.split('\n').map(str::trim).chain([""]) {
        if !line.is_empty() {
            lines.push(line);
        } else if !lines.is_empty() {
            out.push(Block {
                kind: BlockKind::Para,
                text: lines.join("\\\n"),
            });
            lines.clear();
        }
    }
    out
}

fn code_block(raw: &str) -> Option<Block> {
    let lines: Vec<&str> = raw.split('\n').map(str::trim_end).collect();
    let first = lines.iter().position(|l| !l.is_empty())?;
    let last = lines.iter().rposition(|l| !l.is_empty())?;
    let lines = &lines[first..=last];
    let indent = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| &l[..l.len() - l.trim_start_matches([' ', '\t']).len()])
        .reduce(|a, b| {
            let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
            &a[..common]
        })
        .unwrap_or("");
    let mut body = String::new();
    let mut blank = false;
    for line in lines {
        if line.is_empty() {
            blank = true;
            continue;
        }
        if !body.is_empty() {
            body.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        body.push_str(line.strip_prefix(indent).unwrap_or(line));
    }
    let fence = "`".repeat(longest_run(&body, '`').max(2) + 1);
    Some(Block {
        kind: BlockKind::Code,
        text: format!("{fence}text\n{body}\n{fence}"),
    })
}

fn render_list(children: &[Node], ordered: bool) -> Option<Block> {
    let mut items: Vec<Vec<Block>> = Vec::new();
    let mut loose: Vec<&Node> = Vec::new();
    // Content that is not inside an <li> (text, or a nested <ul> written as a sibling of the
    // <li>s, a common slip) belongs to the previous item, or starts one.
    let attach = |items: &mut Vec<Vec<Block>>, blocks: Vec<Block>| match items.last_mut() {
        Some(last) => last.extend(blocks),
        None => items.push(blocks),
    };
    for child in children {
        match child {
            Node::Elem(li) if li.kind == Kind::Item => {
                let mut blocks = Vec::new();
                flush_run(&mut loose, &mut blocks);
                if !blocks.is_empty() {
                    attach(&mut items, blocks);
                }
                let mut blocks = Vec::new();
                render_flow(&li.children, &mut blocks);
                items.push(blocks);
            }
            Node::Elem(e) if is_block(e.kind) => {
                let mut blocks = Vec::new();
                flush_run(&mut loose, &mut blocks);
                render_block(e, &mut blocks);
                attach(&mut items, blocks);
            }
            node => loose.push(node),
        }
    }
    let mut blocks = Vec::new();
    flush_run(&mut loose, &mut blocks);
    if !blocks.is_empty() {
        attach(&mut items, blocks);
    }

    let mut text = String::new();
    let mut number = 0;
    for blocks in items.iter().filter(|b| !b.is_empty()) {
        number += 1;
        let marker = if ordered {
            format!("{number}. ")
        } else {
            "- ".to_string()
        };
        let indent = " ".repeat(marker.len());
        let mut body = String::new();
        for (i, block) in blocks.iter().enumerate() {
            if i > 0 {
                // A bullet or `1.` list may interrupt a paragraph, which keeps nested lists tight.
                let tight = block.kind == BlockKind::List
                    && (block.text.starts_with("- ") || block.text.starts_with("1. "));
                body.push_str(if tight { "\n" } else { "\n\n" });
            }
            body.push_str(&block.text);
        }
        if !text.is_empty() {
            text.push('\n');
        }
        for (i, line) in body.split('\n').enumerate() {
            if i == 0 {
                text.push_str(&marker);
            } else {
                text.push('\n');
                if !line.is_empty() {
                    text.push_str(&indent);
                }
            }
            text.push_str(line);
        }
    }
    (!text.is_empty()).then_some(Block {
        kind: BlockKind::List,
        text,
    })
}

/// Enforces the layout invariants in one place: no trailing whitespace, no leading, trailing
/// or doubled blank lines.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    for line in s.split('\n').map(str::trim_end) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        // Tabs (seen in code samples) render unpredictably; rustdoc and clippy want spaces.
        out.push_str(&line.replace('\t', "    "));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Inline rendering

/// Accumulates one paragraph's worth of Markdown. `\n` marks a `<br>`; whitespace is collapsed
/// as it is appended, and `paragraphs` trims what is left at line edges.
struct Inline {
    buf: String,
    /// Whether the (empty) buffer begins a line, i.e. whether block syntax could start here.
    line_start: bool,
    strong: bool,
    emph: bool,
    in_link: bool,
    /// Where the last emphasis closed, so `<b>a</b><b>b</b>` merges into `**ab**` instead of
    /// producing `**a****b**`.
    last_close: Option<(usize, &'static str)>,
    /// Where a space that came from whitespace just inside a closing tag ends. HTML renders
    /// `<a>X\n</a>.` as "X ." but nobody means that, so punctuation that follows removes it.
    soft_space: Option<usize>,
}

impl Inline {
    fn new(line_start: bool) -> Self {
        Inline {
            buf: String::new(),
            line_start,
            strong: false,
            emph: false,
            in_link: false,
            last_close: None,
            soft_space: None,
        }
    }

    /// A nested writer for content that ends up behind a marker (`**`, `[`), where block syntax
    /// cannot start.
    fn nested(&self) -> Self {
        Inline {
            buf: String::new(),
            line_start: false,
            strong: self.strong,
            emph: self.emph,
            in_link: self.in_link,
            last_close: None,
            soft_space: None,
        }
    }

    fn at_line_start(&self) -> bool {
        match self.buf.rfind('\n') {
            Some(i) => self.buf[i + 1..].trim().is_empty(),
            None => self.line_start && self.buf.trim().is_empty(),
        }
    }

    fn space(&mut self) {
        if !self.buf.ends_with([' ', '\n']) {
            self.buf.push(' ');
        }
    }

    fn trailing_space_of(&mut self, inner: &Inline) {
        if inner.buf.ends_with(char::is_whitespace) {
            self.space();
            if self.buf.ends_with(' ') {
                self.soft_space = Some(self.buf.len());
            }
        }
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::Text(text) => self.text(text),
            Node::Elem(e) => match e.kind {
                Kind::Break if self.in_link => self.space(),
                Kind::Break => self.buf.push('\n'),
                Kind::Code | Kind::Pre => {
                    let mut raw = String::new();
                    text_content(&e.children, &mut raw);
                    self.code_span(&raw);
                }
                Kind::Strong => self.emphasis("**", &e.children),
                Kind::Emph => self.emphasis("*", &e.children),
                Kind::Link => self.link(e),
                Kind::Rule => self.space(),
                _ => {
                    // Block content inside inline markup (`<b><p>..</p></b>`) is squeezed onto
                    // the current line; Markdown cannot nest blocks there.
                    self.space();
                    self.nodes(&e.children);
                    self.space();
                }
            },
        }
    }

    fn nodes(&mut self, nodes: &[Node]) {
        for node in nodes {
            self.node(node);
        }
    }

    fn text(&mut self, text: &str) {
        let core = collapse(text);
        let trimmed = core.trim();
        if core.starts_with(' ') {
            self.space();
        }
        if trimmed.is_empty() {
            return;
        }
        if !core.starts_with(' ')
            && trimmed.starts_with(['.', ',', ';', ':', '!', '?', ')'])
            && self.soft_space == Some(self.buf.len())
        {
            self.buf.pop();
        }
        let line_start = self.at_line_start();
        escape_text(trimmed, line_start, !self.in_link, &mut self.buf);
        if core.ends_with(' ') {
            self.space();
        }
    }

    fn code_span(&mut self, raw: &str) {
        let content = collapse(raw);
        let content = content.trim();
        if content.is_empty() {
            return;
        }
        let fence = "`".repeat(longest_run(content, '`') + 1);
        // A span may not begin or end with its own delimiter; CommonMark strips one padding space.
        let pad = if content.starts_with('`') || content.ends_with('`') {
            " "
        } else {
            ""
        };
        self.buf
            .push_str(&format!("{fence}{pad}{content}{pad}{fence}"));
    }

    fn emphasis(&mut self, marker: &'static str, children: &[Node]) {
        let already = if marker == "**" {
            self.strong
        } else {
            self.emph
        };
        if already {
            return self.nodes(children);
        }
        let mut inner = self.nested();
        if marker == "**" {
            inner.strong = true;
        } else {
            inner.emph = true;
        }
        inner.nodes(children);
        // `** x **` is not emphasis in CommonMark; the markers must hug the content.
        let content = inner.buf.trim();
        if inner.buf.starts_with(char::is_whitespace) {
            self.space();
        }
        if content.is_empty() {
            return;
        }
        if self.last_close == Some((self.buf.len(), marker)) {
            self.buf.truncate(self.buf.len() - marker.len());
        } else {
            self.buf.push_str(marker);
        }
        self.buf.push_str(content);
        self.buf.push_str(marker);
        self.last_close = Some((self.buf.len(), marker));
        self.trailing_space_of(&inner);
    }

    fn link(&mut self, e: &Elem) {
        let href = e.attr("href").map(str::trim).filter(|h| has_link_scheme(h));
        let Some(href) = href.filter(|_| !self.in_link) else {
            // Relative and fragment hrefs point into the AWS docs site, not at anything
            // rustdoc can resolve, and links cannot nest: keep the words only.
            return self.nodes(&e.children);
        };
        let mut inner = self.nested();
        inner.in_link = true;
        inner.nodes(&e.children);
        let mut plain = String::new();
        text_content(&e.children, &mut plain);
        let plain = collapse(&plain);
        let content = inner.buf.trim();
        if inner.buf.starts_with(char::is_whitespace) {
            self.space();
        }
        let dest = encode_url(href);
        if content.is_empty() || plain.trim() == href {
            self.buf.push_str(&format!("<{dest}>"));
        } else {
            let dest = dest.replace('(', "\\(").replace(')', "\\)");
            self.buf.push_str(&format!("[{content}]({dest})"));
        }
        self.trailing_space_of(&inner);
    }
}

fn has_link_scheme(href: &str) -> bool {
    let lower = href.to_ascii_lowercase();
    ["http://", "https://", "mailto:", "ftp://"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len())
}

/// Makes a URL usable both as an autolink (no spaces, `<`, `>`, controls) and as a link
/// destination (no backslash escapes needed except for parentheses, handled by the caller).
fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '`' | '\\' | '"') {
            let mut bytes = [0; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// HTML whitespace semantics: any run of whitespace is one space.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

fn longest_run(s: &str, c: char) -> usize {
    let mut best = 0;
    let mut current = 0;
    for ch in s.chars() {
        current = if ch == c { current + 1 } else { 0 };
        best = best.max(current);
    }
    best
}

/// Escapes text so that it renders literally. `text` has no newlines and no edge whitespace.
fn escape_text(text: &str, line_start: bool, autolink: bool, out: &mut String) {
    let mut rest = text;
    if line_start {
        rest = escape_line_start(rest, out);
    }
    let mut prev: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        let prev_is_word = prev.is_some_and(char::is_alphanumeric);
        // No word-boundary check: rustdoc's bare_urls lint also fires on `xhttps://...`.
        if autolink {
            if let Some((len, url)) = bare_url(rest) {
                out.push('<');
                out.push_str(&encode_url(url));
                out.push('>');
                prev = url.chars().next_back();
                rest = &rest[len..];
                continue;
            }
        }
        let next = rest[c.len_utf8()..].chars().next();
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // Intraword underscores cannot open or close emphasis; escaping them would only
            // clutter identifiers like AGENT_HIERARCHY_LEVEL_ONE.
            '_' if !(prev_is_word && next.is_some_and(char::is_alphanumeric)) => {
                out.push_str("\\_")
            }
            '&' if looks_like_entity(rest) => out.push_str("\\&"),
            _ => out.push(c),
        }
        prev = Some(c);
        rest = &rest[c.len_utf8()..];
    }
}

/// Neutralises what would start a block construct (heading, list, setext underline, definition
/// list) at the beginning of a line. Returns the unconsumed rest.
fn escape_line_start<'a>(text: &'a str, out: &mut String) -> &'a str {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits) {
        let after = &text[digits..];
        if after.starts_with(['.', ')'])
            && after[1..].chars().next().is_none_or(char::is_whitespace)
        {
            out.push_str(&text[..digits]);
            out.push('\\');
            return &text[digits..];
        }
    }
    if text.starts_with(['#', '-', '+', '=', ':']) {
        out.push('\\');
    }
    text
}

/// A bare `http(s)://` URL at the start of `s`, or an existing `<http...>` autolink. Returns the
/// consumed length and the URL itself.
fn bare_url(s: &str) -> Option<(usize, &str)> {
    if let Some(inner) = s.strip_prefix('<') {
        let end = inner.find(|c: char| c == '>' || c == '<' || c.is_whitespace())?;
        let url = &inner[..end];
        if inner[end..].starts_with('>') && url_scheme_len(url).is_some_and(|n| url.len() > n) {
            return Some((end + 2, url));
        }
        return None;
    }
    let scheme = url_scheme_len(s)?;
    let end = s
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
        .unwrap_or(s.len());
    let mut url = &s[..end];
    // Trailing punctuation belongs to the sentence, and a closing bracket only belongs to the
    // URL when it opened inside it (Wikipedia-style links).
    while let Some(last) = url.chars().next_back() {
        let unbalanced = |open: char| url.matches(open).count() < url.matches(last).count();
        let trim = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '*' | '_' | '~' => true,
            ')' => unbalanced('('),
            ']' => unbalanced('['),
            '}' => unbalanced('{'),
            _ => false,
        };
        if !trim {
            break;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
    (url.len() > scheme).then_some((url.len(), url))
}

fn url_scheme_len(s: &str) -> Option<usize> {
    let head = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    if head.starts_with("https://") {
        Some(8)
    } else if head.starts_with("http://") {
        Some(7)
    } else {
        None
    }
}

/// `&` only needs escaping where Markdown would read an entity reference.
fn looks_like_entity(s: &str) -> bool {
    let body = &s[1..];
    let Some(semi) = body.bytes().take(40).position(|b| b == b';') else {
        return false;
    };
    let name = &body[..semi];
    match name.strip_prefix('#') {
        Some(num) => match num.strip_prefix(['x', 'X']) {
            Some(hex) => !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()),
            None => !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()),
        },
        None => {
            name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
                && name.bytes().all(|b| b.is_ascii_alphanumeric())
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Summary helpers

#[cfg(test)]
mod tests {
    use super::*;
    fn strip_list_markers(mut line: &str) -> &str {
        loop {
            if let Some(rest) = line.strip_prefix("- ") {
                line = rest;
                continue;
            }
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 {
                if let Some(rest) = line[digits..].strip_prefix(". ") {
                    line = rest;
                    continue;
                }
            }
            return line;
        }
    }

    /// A paragraph may legitimately start with a long code span (```` ```a``b``` ````); CommonMark
    /// only reads a fence when no backtick follows the opening run.
    fn opens_fence(line: &str) -> Option<usize> {
        let n = line.bytes().take_while(|&b| b == b'`').count();
        (n >= 3 && !line[n..].contains('`')).then_some(n)
    }

    fn closes_fence(line: &str, open: usize) -> bool {
        line.len() >= open && line.bytes().all(|b| b == b'`')
    }

    /// Skips the code span opening at `b[start] == b'`'`; an unclosed run is just skipped.
    fn skip_code_span(b: &[u8], start: usize) -> usize {
        let n = b[start..].iter().take_while(|&&c| c == b'`').count();
        let mut j = start + n;
        while j < b.len() {
            let m = b[j..].iter().take_while(|&&c| c == b'`').count();
            if m == n {
                return j + m;
            }
            j += m.max(1);
        }
        start + n
    }

    use std::path::{Path, PathBuf};
    use std::process::Command;
    use std::time::Instant;

    /// Runs a table and reports every mismatch at once, which makes a rule change reviewable.
    fn check_table(table: &[(&str, &str)]) {
        let mut failures = Vec::new();
        for &(input, expected) in table {
            let got = to_rustdoc(input);
            if got != expected {
                failures.push(format!(
                    "input:    {input:?}\nexpected: {expected:?}\ngot:      {got:?}"
                ));
            }
            if let Err(e) = check_invariants(&got) {
                failures.push(format!(
                    "input:    {input:?}\ninvariant: {e}\noutput:   {got:?}"
                ));
            }
        }
        assert!(failures.is_empty(), "\n{}\n", failures.join("\n\n"));
    }

    #[test]
    fn paragraphs_and_breaks() {
        check_table(&[
            ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
            ("<para>One</para> <div>Two</div>", "One\n\nTwo"),
            ("<div><p>a</p>b<p>c</p></div>", "a\n\nb\n\nc"),
            ("<p>  lots \n\n of\t space  </p>", "lots of space"),
            ("<p></p><p> </p>x", "x"),
            ("<p>a<p>b", "a\n\nb"),
            ("a<br>b", "a\\\nb"),
            ("a<br/><br />b", "a\n\nb"),
            ("<p>a<br/></p>", "a"),
            ("<p><br>a</p>", "a"),
            ("<p>x<br/>- y</p>", "x\\\n\\- y"),
            ("<p>a</p><hr/><p>b</p>", "a\n\nb"),
        ]);
    }

    #[test]
    fn links() {
        check_table(&[
            (
                r#"<a href="https://e.com/a">text</a>"#,
                "[text](https://e.com/a)",
            ),
            ("<a href='https://e.com/a'>t</a>", "[t](https://e.com/a)"),
            ("<a href=https://e.com/a>t</a>", "[t](https://e.com/a)"),
            (r#"<A HREF="https://e.com">X</A>"#, "[X](https://e.com)"),
            (r#"<a href="https://e.com/a"></a>"#, "<https://e.com/a>"),
            (
                r#"<a href="https://e.com/a"> https://e.com/a </a>"#,
                "<https://e.com/a>",
            ),
            (r#"see <a href="API_Foo.html">Foo</a>."#, "see Foo."),
            (r##"<a href="#anchor">here</a>"##, "here"),
            (r#"<a href="javascript:alert(1)">x</a>"#, "x"),
            (r#"<a name="x">anchor</a>"#, "anchor"),
            (r#"<a href="https://">x</a>"#, "x"),
            (
                r#"<a href="https://e.com/a b(c)">t</a>"#,
                r"[t](https://e.com/a%20b\(c\))",
            ),
            (r#"<a href="https://e.com/(c)"></a>"#, "<https://e.com/(c)>"),
            (
                r#"<a href="https://e.com"><code>Foo</code></a>"#,
                "[`Foo`](https://e.com)",
            ),
            (
                r#"<a href="https://e.com/x">[docs]</a>"#,
                r"[\[docs\]](https://e.com/x)",
            ),
            (
                r#"<a href="https://a.com">x <a href="https://b.com">y</a></a>"#,
                "[x y](https://a.com)",
            ),
            (
                r#"<a href="mailto:me@e.com">mail me</a>"#,
                "[mail me](mailto:me@e.com)",
            ),
            (
                r#"<a href="https://a.com/x">https://a.com/y</a>"#,
                "[https://a.com/y](https://a.com/x)",
            ),
            (
                r#"<a href="https://e.com">a<br/>b</a>"#,
                "[a b](https://e.com)",
            ),
            (
                r#"<a href="https://e.com"> spaced </a>words"#,
                "[spaced](https://e.com) words",
            ),
            (
                "<a href=\"https://e.com\"><code>X</code>\n </a>. Next",
                "[`X`](https://e.com). Next",
            ),
            (
                r#"<a href="https://e.com">X </a> . Spaced on purpose"#,
                "[X](https://e.com) . Spaced on purpose",
            ),
            ("<b>X </b>, <i>Y </i>)", "**X**, *Y*)"),
            (
                r#"<a href="https://e.com?a=1&amp;b=2">q</a>"#,
                "[q](https://e.com?a=1&b=2)",
            ),
        ]);
    }

    #[test]
    fn inline_code() {
        check_table(&[
            ("<code>Foo</code>", "`Foo`"),
            ("x <code> a \n b </code>", "x `a b`"),
            ("<code></code>x<code> </code>", "x"),
            ("<code>a`b</code>", "``a`b``"),
            ("<code>a``b</code>", "```a``b```"),
            ("<code>`x`</code>", "`` `x` ``"),
            ("a <code>```</code> b", "a ```` ``` ```` b"),
            ("<tt>x</tt> <kbd>y</kbd>", "`x` `y`"),
            ("<code>&lt;T&gt;</code>", "`<T>`"),
            ("<code>Vec<String></code>", "`Vec<String>`"),
            ("<code><view-id>:$SAVED</code>", "`<view-id>:$SAVED`"),
            ("<code><b>x</b> y</code>", "`x y`"),
            ("<code>*/ [x] \\ #</code>", "`*/ [x] \\ #`"),
            (
                "<p><code>[+] [country code]\n  [number]</code>.</p>",
                "`[+] [country code] [number]`.",
            ),
        ]);
    }

    #[test]
    fn code_blocks() {
        check_table(&[
            (
                "<pre>\n    fn main() {\n        x();\n    }\n</pre>",
                "```text\nfn main() {\n    x();\n}\n```",
            ),
            ("<pre>a ``` b</pre>", "````text\na ``` b\n````"),
            (
                "<p><code>line one\nline two</code></p>",
                "```text\nline one\nline two\n```",
            ),
            (
                "<code>\n  {\n    \"a\": 1\n  }\n</code>",
                "```text\n{\n  \"a\": 1\n}\n```",
            ),
            ("<pre><code>x &amp; y</code></pre>", "```text\nx & y\n```"),
            ("<pre>  </pre>x", "x"),
            ("<pre>a\n\n\n\nb   \n</pre>", "```text\na\n\nb\n```"),
            ("<pre>a\r\nb</pre>", "```text\na\nb\n```"),
            (
                "<code>```rust\nfn x() {}\n```</code>",
                "````text\n```rust\nfn x() {}\n```\n````",
            ),
            (
                "<p>text <pre>block</pre> more</p>",
                "text\n\n```text\nblock\n```\n\nmore",
            ),
            ("<b><pre>in bold</pre></b>", "**`in bold`**"),
        ]);
    }

    #[test]
    fn emphasis() {
        check_table(&[
            ("<b>bold</b> <strong>strong</strong>", "**bold** **strong**"),
            ("<i>it</i> <em>em</em>", "*it* *em*"),
            ("a<b> bold </b>b", "a **bold** b"),
            ("<b></b>x<i> </i>y", "x y"),
            ("<b>a</b><b>b</b>", "**ab**"),
            ("<b><b>x</b></b>", "**x**"),
            ("<b>x <i>y</i></b>", "**x *y***"),
            ("<i>*</i>", "*\\**"),
            (
                "<p>unclosed <b>bold</p><p>next</p>",
                "unclosed **bold**\n\nnext",
            ),
            ("<b>Endpoints</b>: See", "**Endpoints**: See"),
        ]);
    }

    #[test]
    fn lists() {
        check_table(&[
            ("<ul><li>a</li><li>b</li></ul>", "- a\n- b"),
            ("<ol><li>a</li><li>b</li></ol>", "1. a\n2. b"),
            (
                "<ul><li><p>a</p><ul><li>b</li></ul></li></ul>",
                "- a\n  - b",
            ),
            ("<ol><li>a<ol><li>b</li></ol></li></ol>", "1. a\n   1. b"),
            ("<ul><li><p>a</p><p>b</p></li></ul>", "- a\n\n  b"),
            ("<ul><li>a<li>b</ul>", "- a\n- b"),
            ("<ul><li>a</li><ul><li>b</li></ul></ul>", "- a\n  - b"),
            ("<ul>intro<li>a</li></ul>", "- intro\n- a"),
            ("<li>stray</li><li>two</li>", "- stray\n- two"),
            ("<ul><li></li><li> </li><li>x</li></ul>", "- x"),
            ("<ul></ul>x", "x"),
            (
                "<p>intro</p><ol><li><pre>code</pre></li></ol>",
                "intro\n\n1. ```text\n   code\n   ```",
            ),
            (
                "<ul><li>1. not a list</li><li>- nor this</li></ul>",
                "- 1\\. not a list\n- \\- nor this",
            ),
            ("<ul><li>a<br/>b</li></ul>", "- a\\\n  b"),
            (
                "<ol><li>1</li><li>2</li><li>3</li><li>4</li><li>5</li><li>6</li><li>7</li><li>8</li><li>9</li><li>ten<p>more</p></li></ol>",
                "1. 1\n2. 2\n3. 3\n4. 4\n5. 5\n6. 6\n7. 7\n8. 8\n9. 9\n10. ten\n\n    more",
            ),
        ]);
    }

    #[test]
    fn admonitions_definitions_headings() {
        check_table(&[
            (
                "<note><p>Careful.</p><p>Really.</p></note>",
                "**Note:** Careful.\n\nReally.",
            ),
            ("<important>Do it.</important>", "**Important:** Do it."),
            ("<note><ul><li>a</li></ul></note>", "**Note:**\n\n- a"),
            ("<note> </note>x", "x"),
            (
                "<ul><li><note>in list</note></li></ul>",
                "- **Note:** in list",
            ),
            (
                "<dl><dt>TERM</dt><dd><p>Desc.</p></dd><dt>T2<dd>D2</dl>",
                "**TERM**\n\nDesc.\n\n**T2**\n\nD2",
            ),
            (
                "<dl><dt><code>CODE</code></dt><dd>x</dd></dl>",
                "**`CODE`**\n\nx",
            ),
            ("<h1>Title</h1><p>x</p>", "**Title**\n\nx"),
            ("<h3><b>Bold</b></h3>", "**Bold**"),
            ("<h2># hash</h2>", "**# hash**"),
            ("<title>T</title>", "**T**"),
        ]);
    }

    #[test]
    fn unknown_and_dropped_tags() {
        check_table(&[
            ("<foo>kept</foo>", "kept"),
            ("<foo-bar x=1>kept</foo-bar>", "kept"),
            (r#"<span class="x">kept</span>"#, "kept"),
            ("<fullname>Amazon Connect</fullname><p>x</p>", "x"),
            ("<fullname>unclosed", "unclosed"),
            ("<script>alert('<b>x</b>')</script>ok", "ok"),
            ("<style>p { color: red }</style>ok", "ok"),
            ("<examples><p>x</p></examples>", "x"),
            (
                "<!-- hidden -->shown<!-- unterminated",
                "shown\\<!-- unterminated",
            ),
            ("<!DOCTYPE html><p>x</p>", "x"),
            ("<?xml version=\"1.0\"?>x", "x"),
            ("<unknown/>x", "x"),
            ("</closeonly>x", "\\</closeonly\\>x"),
            ("</p>x</b>", "x"),
            ("<sup>2</sup>", "2"),
            (
                "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>",
                "a b\n\nc",
            ),
            (r#"<img src="x.png" alt="diagram"/>"#, "diagram"),
        ]);
    }

    #[test]
    fn entities() {
        check_table(&[
            ("&amp; &lt;b&gt; &quot;q&quot; &apos;", "& \\<b\\> \"q\" '"),
            ("a&nbsp;b&nbsp;&nbsp;", "a b"),
            ("&#65;&#x42;&#X43;&#x1F600;", "ABC😀"),
            (
                "&#xFFFFFFFF;&#0;&#xD800;&#99999999999;",
                "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}",
            ),
            ("&bogus; &amp &#; &#xZZ;", "\\&bogus; &amp &#; &#xZZ;"),
            ("&amp;amp; &amp;#35;", "\\&amp; \\&#35;"),
            ("&lt;script&gt;", "\\<script\\>"),
            ("&mdash;&hellip;&copy;", "—…©"),
            ("&#x202E;rtl&#8238;", "rtl"),
            ("AT&T", "AT&T"),
        ]);
    }

    #[test]
    fn text_escaping() {
        check_table(&[
            (
                "a * b _c_ [d] `e` \\ | ~ <f> x_y",
                "a \\* b \\_c\\_ \\[d\\] \\`e\\` \\\\ \\| \\~ \\<f\\> x_y",
            ),
            ("# not a heading", "\\# not a heading"),
            ("- not a list", "\\- not a list"),
            ("+ not a list", "\\+ not a list"),
            ("1. not a list", "1\\. not a list"),
            ("2) not a list", "2\\) not a list"),
            ("2019. A year", "2019\\. A year"),
            ("1.5 is a number", "1.5 is a number"),
            ("> not a quote", "\\> not a quote"),
            ("=== not a heading", "\\=== not a heading"),
            (": not a definition", "\\: not a definition"),
            ("a # b - c 1. d", "a # b - c 1. d"),
            ("snake_case __init__ _x", "snake_case \\_\\_init\\_\\_ \\_x"),
        ]);
    }

    #[test]
    fn bare_urls() {
        check_table(&[
            (
                "See https://example.com/a_b.",
                "See <https://example.com/a_b>.",
            ),
            ("(https://e.com/x)", "(<https://e.com/x>)"),
            (
                "https://en.wikipedia.org/wiki/Rust_(language)",
                "<https://en.wikipedia.org/wiki/Rust_(language)>",
            ),
            ("<https://e.com>", "<https://e.com>"),
            (
                "HTTPS://E.COM, http://e.org;",
                "<HTTPS://E.COM>, <http://e.org>;",
            ),
            ("xhttps://e.com", "x<https://e.com>"),
            ("http:// alone", "http:// alone"),
            (
                "\"https://e.com/q?a=1&b=2\"",
                "\"<https://e.com/q?a=1&b=2>\"",
            ),
            ("ftp://e.com", "ftp://e.com"),
        ]);
    }

    #[test]
    fn whitespace_and_plain_text() {
        check_table(&[
            ("  \n\n text \r\n more  \n\n", "text more"),
            ("<p>a</p>\r\n\r\n\r\n<p>b</p>", "a\n\nb"),
            ("line\rbreak", "line break"),
            (
                "Request to CompleteAttachedFileUpload API",
                "Request to CompleteAttachedFileUpload API",
            ),
            ("Use `RedactedOnly` here", "Use \\`RedactedOnly\\` here"),
            (
                "# Heading\n\n* item\n[link](http://x.com)",
                "\\# Heading \\* item \\[link\\](<http://x.com>)",
            ),
            ("", ""),
            ("   ", ""),
        ]);
    }

    #[test]
    fn hostile_docs() {
        check_table(&[
            (
                "*/ /* #[derive(Debug)] */",
                "\\*/ /\\* #\\[derive(Debug)\\] \\*/",
            ),
            ("#[derive(Debug)]", "\\#\\[derive(Debug)\\]"),
            ("]", "\\]"),
            ("[link]", "\\[link\\]"),
            (
                "[`Vec`] and [std::vec::Vec]",
                "\\[\\`Vec\\`\\] and \\[std::vec::Vec\\]",
            ),
            ("<script>", "\\<script\\>"),
            ("<T>", "\\<T\\>"),
            ("Option<T>", "Option\\<T\\>"),
            ("HashMap<K, V>", "HashMap\\<K, V\\>"),
            ("Option<Vec<String>>", "Option\\<Vec\\<String\\>\\>"),
            ("x < y > z", "x \\< y \\> z"),
            ("Vec<String>", "Vec\\<String\\>"),
            ("\\", "\\\\"),
            ("\\n \\\" \\`", "\\\\n \\\\\" \\\\\\`"),
            ("\"quoted\" 'single'", "\"quoted\" 'single'"),
            ("emoji 😀 and 𝔸 astral 👩‍👩‍👧", "emoji 😀 and 𝔸 astral 👩‍👩‍👧"),
            ("a\u{202E}b\0c\u{2066}d", "abcd"),
            ("bell\u{7}char", "bell char"),
            ("<p>crlf\r\nline</p>\r\n<p>two</p>", "crlf line\n\ntwo"),
            ("<a", "\\<a"),
            ("text <a", "text \\<a"),
            (r#"<a href="https://e.com"#, r#"\<a href="<https://e.com>"#),
            ("<a href='x' <b>bold</b>", "\\<a href='x' **bold**"),
            ("<", "\\<"),
            ("<>", "\\<\\>"),
            ("</>", "\\</\\>"),
            ("<<b>>x</b>", "\\<**\\>x**"),
            ("< p>not a tag</ p>", "\\< p\\>not a tag\\</ p\\>"),
            ("<p", "\\<p"),
            ("<b>never closed", "**never closed**"),
            ("<code>never closed", "`never closed`"),
            ("<ul><li>never closed", "- never closed"),
        ]);
    }

    #[test]
    fn summaries() {
        let table = [
            ("<p>First sentence. Second one.</p>", "First sentence."),
            ("<p>Use e.g. this one. Next.</p>", "Use e.g. this one."),
            ("<p>Version 1.5 is out. Yes.</p>", "Version 1.5 is out."),
            ("<p>See <code>a. B</code> now. X</p>", "See `a. B` now."),
            (
                r#"<p>Link <a href="https://e.com/a.b">a. B</a> here. X</p>"#,
                "Link [a. B](https://e.com/a.b) here.",
            ),
            (
                r#"<p>Visit https://e.com/. Then</p>"#,
                "Visit <https://e.com/>.",
            ),
            (
                "<p><b>Bold. Still</b> bold. Next</p>",
                "**Bold. Still** bold.",
            ),
            ("<p>no terminator</p><p>second</p>", "no terminator"),
            ("<ul><li>item one. Two</li></ul>", "item one."),
            (
                "<ul><li>Actions</li><li>Types</li></ul><p>The service. More.</p>",
                "The service.",
            ),
            ("<ul><li>a<br/>b. C</li></ul>", "a b."),
            (
                r#"<a href="https://e.com/x">X</a>. Done"#,
                "[X](https://e.com/x).",
            ),
            ("<ol><li><p>item</p></li></ol>", "item"),
            ("<pre>code\n\nmore code</pre><p>After.</p>", "After."),
            ("<p>line<br/>break. X</p>", "line break."),
            ("Why? Because.", "Why?"),
            ("<p>lowercase. continues</p>", "lowercase. continues"),
            ("<note><p>Careful. Really</p></note>", "**Note:** Careful."),
            (
                "<p>Ends with an escaped dot 1\\. Yes</p>",
                "Ends with an escaped dot 1\\\\.",
            ),
            ("", ""),
            ("<p> </p>", ""),
        ];
        let mut failures = Vec::new();
        for (input, expected) in table {
            let got = summary(input);
            if got != expected {
                failures.push(format!(
                    "input: {input:?}\nexpected: {expected:?}\ngot: {got:?}"
                ));
            }
        }
        assert!(failures.is_empty(), "\n{}\n", failures.join("\n\n"));
    }

    // -----------------------------------------------------------------------------------------
    // Invariants shared by the fuzz, model and table tests

    /// Checks what rustdoc cares about without running it: layout, balanced code spans, no raw
    /// HTML, and square brackets only in links to absolute URLs.
    fn check_invariants(md: &str) -> Result<(), String> {
        if md.starts_with('\n') || md.ends_with('\n') {
            return Err("leading or trailing blank line".into());
        }
        if md.contains("\n\n\n") {
            return Err("more than one blank line in a row".into());
        }
        if md.lines().any(|l| l.ends_with(char::is_whitespace)) {
            return Err("trailing whitespace".into());
        }
        if md.contains(['\0', '\r', '\u{202E}', '\u{2066}']) {
            return Err("forbidden character".into());
        }
        let mut fence: Option<usize> = None;
        let mut para = String::new();
        for line in md.split('\n') {
            let content = strip_list_markers(line.trim_start());
            if let Some(open) = fence {
                if closes_fence(content, open) {
                    fence = None;
                }
                continue;
            }
            if let Some(n) = opens_fence(content) {
                if &content[n..] != "text" {
                    return Err(format!(
                        "code fence without the `text` info string: {line:?}"
                    ));
                }
                check_paragraph(&para)?;
                para.clear();
                fence = Some(n);
            } else if line.is_empty() {
                check_paragraph(&para)?;
                para.clear();
            } else {
                para.push_str(content);
                para.push('\n');
            }
        }
        if fence.is_some() {
            return Err("unclosed code fence".into());
        }
        check_paragraph(&para)
    }

    fn check_paragraph(p: &str) -> Result<(), String> {
        let b = p.as_bytes();
        let mut i = 0;
        let mut in_link_text = false;
        while i < b.len() {
            match b[i] {
                b'\\' => {
                    i += 1 + p[i + 1..].chars().next().map_or(0, char::len_utf8);
                    continue;
                }
                b'`' => {
                    let n = b[i..].iter().take_while(|&&c| c == b'`').count();
                    let end = skip_code_span(b, i);
                    if end == i + n {
                        return Err(format!("unbalanced backticks in {p:?}"));
                    }
                    i = end;
                    continue;
                }
                b'<' => match bare_url(&p[i..]) {
                    Some((len, _)) if p[i..].starts_with('<') => {
                        i += len;
                        continue;
                    }
                    _ if p[i..].starts_with("<mailto:") && p[i..].find('>').is_some() => {
                        i += p[i..].find('>').unwrap_or(0) + 1;
                        continue;
                    }
                    _ => return Err(format!("raw '<' in {p:?}")),
                },
                b'>' => return Err(format!("raw '>' in {p:?}")),
                b'[' if in_link_text => return Err(format!("nested '[' in {p:?}")),
                b'[' => in_link_text = true,
                b']' if !in_link_text => return Err(format!("stray ']' in {p:?}")),
                b']' => {
                    in_link_text = false;
                    let dest = &p[i + 1..];
                    let ok = dest.strip_prefix('(').is_some_and(|d| {
                        ["https://", "http://", "mailto:", "ftp://"]
                            .iter()
                            .any(|s| d.starts_with(s))
                    });
                    if !ok {
                        return Err(format!("link without an absolute destination in {p:?}"));
                    }
                    i = skip_link_dest(b, i + 1);
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        if in_link_text {
            return Err(format!("unclosed '[' in {p:?}"));
        }
        Ok(())
    }

    fn skip_link_dest(b: &[u8], open: usize) -> usize {
        let mut i = open + 1;
        while i < b.len() {
            match b[i] {
                b'\\' => i += 1,
                b')' => return i + 1,
                _ => {}
            }
            i += 1;
        }
        b.len()
    }

    // -----------------------------------------------------------------------------------------
    // Fuzzing

    /// xorshift64*: deterministic, dependency-free, good enough to shuffle fragments.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    const FRAGMENTS: &[&str] = &[
        "<",
        ">",
        "</",
        "/>",
        "<a",
        "<a href=\"",
        "<a href='https://e.com/(x",
        "\"",
        "'",
        "=",
        " ",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "\0",
        "&",
        "&#",
        "&#x",
        ";",
        "FFFFFFFF",
        "&#xFFFFFFFF;",
        "&amp;",
        "&lt;",
        "&nbsp;",
        "&bogus;",
        "&#0;",
        "p>",
        "</p>",
        "<p>",
        "<code>",
        "</code>",
        "<pre>",
        "</pre>",
        "<ul>",
        "</ul>",
        "<ol>",
        "<li>",
        "</li>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<note>",
        "</note>",
        "<important>",
        "<dl>",
        "<dt>",
        "<dd>",
        "<br/>",
        "<br>",
        "<h2>",
        "<fullname>",
        "</fullname>",
        "<script>",
        "</script>",
        "<foo>",
        "</foo>",
        "<T>",
        "Vec<String>",
        "<!--",
        "-->",
        "<!",
        "<?",
        "`",
        "```",
        "*",
        "**",
        "_",
        "[",
        "]",
        "(",
        ")",
        "\\",
        "#",
        "-",
        "+",
        "1.",
        "2)",
        "=",
        ":",
        "|",
        "~",
        "http://x.y/",
        "https://e.com/a_b.",
        "<https://e.com>",
        "mailto:",
        "é",
        "😀",
        "𝔸",
        "\u{202E}",
        "\u{2028}",
        "\u{85}",
        "\u{a0}",
        "x",
        "word",
        "Amazon Connect",
        ".",
        "e.g.",
        "*/",
        "/*",
        "#[derive]",
        "A",
        "b",
    ];

    fn random_doc(rng: &mut Rng) -> String {
        let mut doc = String::new();
        for _ in 0..rng.below(60) {
            if rng.below(8) == 0 {
                // Arbitrary scalar values, including controls and astral planes.
                let c = char::from_u32(rng.next() as u32 % 0x11_0000).unwrap_or('\u{FFFD}');
                doc.push(c);
            } else {
                doc.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
            }
        }
        doc
    }

    fn fuzz_docs(count: usize) -> Vec<String> {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        (0..count).map(|_| random_doc(&mut rng)).collect()
    }

    #[test]
    fn never_panics_and_keeps_invariants_on_random_input() {
        let mut extra: Vec<String> = [
            "<a",
            "<",
            "&#xFFFFFFFF;",
            "\0",
            "<a href=\"",
            "<a href='",
            "<!--",
            "&",
            "&#",
            "</",
            "<b><b><b>",
            "<ul><li><ul><li><ul><li>",
            "````",
            "\\",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        extra.push("<b>".repeat(10_000) + "x" + &"</b>".repeat(10_000));
        extra.push("<ul><li>".repeat(2_000) + "deep");
        extra.push("<a href=\"x".repeat(2_000));
        extra.push("<!--".repeat(5_000));
        extra.push("&".repeat(5_000) + &"&#x".repeat(3_000));
        let mut failures = Vec::new();
        for doc in fuzz_docs(20_000).iter().chain(&extra) {
            let md = to_rustdoc(doc);
            if let Err(e) = check_invariants(&md) {
                failures.push(format!("input: {doc:?}\n{e}\noutput: {md:?}"));
            }
            let line = summary(doc);
            if line.contains('\n') {
                failures.push(format!("input: {doc:?}\nmulti-line summary {line:?}"));
            } else if let Err(e) = check_paragraph(&line) {
                failures.push(format!("input: {doc:?}\nsummary: {e}"));
            }
            if failures.len() > 5 {
                break;
            }
        }
        assert!(failures.is_empty(), "\n{}\n", failures.join("\n\n"));
    }

    // -----------------------------------------------------------------------------------------
    // The Amazon Connect model

    fn connect_model_path() -> Option<PathBuf> {
        let relative = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/models/connect-2017-08-08.json");
        [
            relative,
            PathBuf::from("/work/shared/models/connect-2017-08-08.json"),
        ]
        .into_iter()
        .find(|p| p.is_file())
    }

    /// Every documentation string in the model, shapes and members alike, in model order.
    fn connect_docs() -> Option<Vec<String>> {
        let Some(path) = connect_model_path() else {
            println!(
                "skipping: connect-2017-08-08.json not found under ../shared/models or /work/shared/models"
            );
            return None;
        };
        let text = std::fs::read_to_string(&path).expect("model is readable");
        let model: serde_json::Value = serde_json::from_str(&text).expect("model is JSON");
        let doc_of = |v: &serde_json::Value| {
            v.pointer("/traits/smithy.api#documentation")
                .and_then(|d| d.as_str())
                .map(str::to_string)
        };
        let mut docs = Vec::new();
        for shape in model["shapes"]
            .as_object()
            .expect("shapes is an object")
            .values()
        {
            docs.extend(doc_of(shape));
            if let Some(members) = shape.get("members").and_then(|m| m.as_object()) {
                docs.extend(members.values().filter_map(doc_of));
            }
        }
        Some(docs)
    }

    #[test]
    fn connect_model_docs_convert_cleanly() {
        let Some(docs) = connect_docs() else { return };
        assert!(
            docs.len() > 1000,
            "expected thousands of docs, found {}",
            docs.len()
        );
        let mut failures = Vec::new();
        for doc in &docs {
            let md = to_rustdoc(doc);
            if let Err(e) = check_invariants(&md) {
                failures.push(format!("input: {doc:?}\n{e}\noutput: {md:?}"));
            }
            if md.is_empty() && !doc.trim().is_empty() {
                failures.push(format!("input {doc:?} produced nothing"));
            }
            let line = summary(doc);
            if line.contains('\n') || check_paragraph(&line).is_err() {
                failures.push(format!("input: {doc:?}\nbad summary {line:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures[..failures.len().min(5)].join("\n\n")
        );
    }

    // -----------------------------------------------------------------------------------------
    // The real judge: rustdoc itself

    /// Builds a throwaway crate whose items carry converted docs and runs `cargo doc` on it with
    /// every relevant rustdoc lint denied.
    #[test]
    fn rustdoc_accepts_the_output() {
        let started = Instant::now();
        let mut docs: Vec<String> = connect_docs().unwrap_or_default();
        docs.extend(fuzz_docs(400));
        docs.extend(HOSTILE.iter().map(|s| s.to_string()));
        docs.sort();
        docs.dedup();

        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/docs-rustdoc-check");
        std::fs::create_dir_all(dir.join("src")).expect("create temp crate");
        std::fs::write(
            dir.join("Cargo.toml"),
            "[package]\nname = \"docs_rustdoc_check\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n",
        )
        .expect("write Cargo.toml");
        let mut lib = String::from(
            "#![deny(rustdoc::broken_intra_doc_links, rustdoc::private_intra_doc_links, \
             rustdoc::invalid_codeblock_attributes, rustdoc::invalid_html_tags, rustdoc::bare_urls, \
             rustdoc::invalid_rust_codeblocks, rustdoc::unescaped_backticks, \
             rustdoc::redundant_explicit_links)]\n#![allow(non_camel_case_types)]\n",
        );
        for (i, doc) in docs.iter().enumerate() {
            lib.push_str(&format!(
                "#[doc = {:?}]\npub struct Item{i};\n",
                to_rustdoc(doc)
            ));
            lib.push_str(&format!(
                "#[doc = {:?}]\npub fn summary_{i}() {{}}\n",
                summary(doc)
            ));
        }
        std::fs::write(dir.join("src/lib.rs"), lib).expect("write lib.rs");

        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let output = Command::new(cargo)
            .args(["doc", "--offline", "--no-deps", "--quiet"])
            .current_dir(&dir)
            .env("RUSTDOCFLAGS", "-Dwarnings")
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .output()
            .expect("run cargo doc");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "cargo doc rejected the output ({} items, see {}):\n{}",
            docs.len(),
            dir.display(),
            &stderr[..stderr.len().min(20_000)]
        );

        // An indented code block slipping through would become a Rust doctest; there must be none.
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let output = Command::new(cargo)
            .args(["test", "--offline", "--doc", "--quiet"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .output()
            .expect("run cargo test --doc");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success() && stdout.contains("running 0 tests"),
            "doctests found in converted docs:\n{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        println!(
            "rustdoc accepted {} docs in {:?}",
            docs.len(),
            started.elapsed()
        );
    }

    const HOSTILE: &[&str] = &[
        "*/ /* #[derive(Debug)] */",
        "<code>```rust\nfn x() {}\n```</code>",
        "a <code>```</code> b <code>`x`</code>",
        "] [link] [`Vec`] [std::vec::Vec] [^1] ![img](x)",
        "<script>alert(1)</script><script>",
        "<T> Option<T> HashMap<K, V> Vec<String> Option<Vec<String>>",
        "x < y > z <= >= -> <- << >>",
        "\\ \\\\ \" ' `",
        "emoji 😀 astral 𝔸",
        "<p>crlf\r\nline</p>\r\n<p>two</p>",
        "# h\n- l\n+ p\n1. o\n> q\n=== \n--- \n| a | b |\n|---|---|",
        "<p>a<br>- b<br># c<br>1. d<br>===<br>---<br>: e<br>    indented</p>",
        "See https://e.com/a_b. and xhttps://e.com and <https://e.com> and http://",
        r#"<a href="https://a.com/x">https://a.com/y</a>"#,
        r#"<a href="https://e.com/a b(c)">t</a> <a href="https://e.com/(c)"></a>"#,
        "<b>**</b> <i>_</i> <b>x</b><i>y</i> a<b>:b</b>c",
        "&bogus; &amp;lt; &#xFFFFFFFF; &#0; AT&T",
        "<ul><li>a<ul><li>b<ol><li><pre>c\n d</pre></li></ol></li></ul></li></ul>",
        "<note><ul><li>x</li></ul></note><important>y</important>",
        "<dl><dt>T</dt><dd>D</dd></dl><h1>H</h1>",
        "<a",
        "<",
    ];
}
