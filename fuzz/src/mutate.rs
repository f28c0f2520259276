//! Mutations: byte-level ones that break syntax, and tree-level ones ([`J`], [`X`]) that keep
//! the syntax valid so an input gets past the tokenizer and into the decoders behind it.
//!
//! Deep nesting is a node ([`J::Nest`], [`X::Nest`]) printed as `times` openings, not `times`
//! real levels, so the driver's own printing, cloning and dropping never recurse deeply: only
//! the code under test sees the depth.

use crate::rng::Rng;

/// The largest input a mutation may produce; bigger inputs only slow the run down without
/// reaching new code (the parsers are linear, and limits on depth and size are tested below it).
pub const MAX_LEN: usize = 1 << 21;

/// Number texts around every boundary the decoders convert to: integer widths, float
/// overflow and underflow, and the non-numbers JSON does not allow.
pub const NUMBERS: &[&str] = &[
    "0", "-0", "1", "-1", "127", "128", "-128", "-129", "255", "256", "32767", "32768", "-32768", "-32769",
    "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967296", "9007199254740993",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
    "18446744073709551615", "18446744073709551616", "1e400", "-1e400", "1e-400", "1E+2", "1e2", "1e-2",
    "1.7976931348623157e308", "1.7976931348623159e308", "-1.7976931348623159e308", "4.9e-324", "2.4e-324",
    "3.4028235e38", "3.4028236e38", "1.0", "1.5", "0.1", "-0.0", "0.30000000000000004", "123456789.123456789",
    "NaN", "Infinity", "-Infinity", "nan", "inf", "-inf", "+1", "01", "00", "1.", ".5", "-", "1e", "1e+", "0x10",
    "1_000", "1,5", "\u{0661}", "\u{ff11}", "1e99999999999999999999", "-1e-99999999999999999999",
];

/// Timestamp texts in every format Smithy uses, valid, out of range and malformed.
pub const TIMESTAMPS: &[&str] = &[
    "1970-01-01T00:00:00Z", "2019-12-16T23:48:18Z", "2019-12-16T23:48:18.123456789Z", "2019-12-16T23:48:18.1234567891234Z",
    "2019-12-16T23:48:18+01:00", "2019-12-16T23:48:18-23:59", "2019-12-16T23:48:18+24:00", "2019-12-16t23:48:18z",
    "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
    "2019-02-29T00:00:00Z", "2020-02-29T00:00:00Z", "2019-13-01T00:00:00Z", "2019-12-32T00:00:00Z",
    "2019-12-16T24:00:00Z", "2019-12-16T23:60:00Z", "2019-12-16T23:59:60Z", "2019-12-16T23:48:18.Z", "2019-12-16",
    "2019-12-16T23:48:18", "2019-12-16 23:48:18Z", "Tue, 29 Apr 2014 18:30:38 GMT", "Tue, 29 Apr 2014 18:30:38.123 GMT",
    "Mon, 31 Feb 2014 18:30:38 GMT", "Tue, 29 Apr 14 18:30:38 GMT", "Tuesday, 29-Apr-14 18:30:38 GMT",
    "Tue Apr 29 18:30:38 2014", "Tue, 29 Apr 2014 18:30:38 UTC", "Xyz, 29 Apr 2014 18:30:38 GMT",
    "Tue, 29 Apr 2014 25:30:38 GMT", "Tue, 29 Xyz 2014 18:30:38 GMT", "1398796238", "1398796238.123",
    "1398796238.1234567891234", "-1398796238", "-62135596800", "-62135596801", "253402300799", "253402300800",
    "1e20", "-1e20", "9223372036854775807", "-9223372036854775808", "1.7976931348623157e308", "0.000001", "",
];

/// Base64 texts: valid, unpadded, over-padded, with whitespace and with foreign characters.
pub const BASE64: &[&str] = &[
    "", "=", "==", "===", "====", "YQ", "YQ=", "YQ==", "YQ===", "YWI", "YWI=", "YWJj", "Y Q = =", "YQ==\n", "YQ==YQ==",
    "!!!!", "-_-_", "+/+/", "AAAA", "////", "Zm9vYmFy", "Zm9vYmFy\r\n", "\u{e9}\u{e9}\u{e9}\u{e9}",
];

/// Strings that are awkward for decoders and for whatever prints them afterwards.
pub const STRINGS: &[&str] = &[
    "", " ", "\0", "\u{1}", "\t\r\n", "\u{7f}", "\u{80}", "\u{ff}", "\u{fffd}", "\u{feff}", "\u{ffff}", "\u{10ffff}",
    "\u{202e}evil", "e\u{301}", "\u{1f600}", "\u{0}\u{0}\u{0}", "\\", "\"", "'", "<", ">", "&", "&amp;", "]]>",
    "true", "false", "null", "FOO", "foo", "Foo", "BAZ", "ffff", "-1", "0", "NaN", "Infinity", "-Infinity",
    "aws.protocoltests.restjson#FooError", "FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
    "#", ":", "#:", "a#b#c", "a:b:c", "InvalidGreeting", "ComplexError", "FooError", "UnknownError",
    "smithy.api#Unit", "__proto__", "constructor",
];

/// Bytes that mean something to one of the formats (or to UTF-8).
const INTERESTING_BYTES: &[u8] = &[
    0, 1, b'\t', b'\n', b'\r', b' ', b'"', b'\'', b'\\', b'/', b'<', b'>', b'&', b';', b'#', b'=', b'?', b'!', b'[', b']',
    b'{', b'}', b',', b':', b'-', b'+', b'.', b'e', b'E', b'0', b'9', 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed,
    0xef, 0xf0, 0xf4, 0xf5, 0xfe, 0xff,
];

/// Byte sequences that are not UTF-8 (or are, only just).
const INVALID_UTF8: &[&[u8]] = &[
    &[0x80], &[0xbf], &[0xc0, 0x80], &[0xc1, 0xbf], &[0xc2], &[0xe0, 0x80, 0x80], &[0xe0, 0xa0], &[0xed, 0xa0, 0x80],
    &[0xed, 0xbf, 0xbf], &[0xef, 0xbf, 0xbe], &[0xf0, 0x80, 0x80, 0x80], &[0xf4, 0x90, 0x80, 0x80], &[0xf5, 0x80, 0x80, 0x80],
    &[0xff, 0xfe], &[0xfe, 0xff], &[0xf0, 0x9f, 0x98], &[0xef, 0xbb, 0xbf],
];

/// Which syntax the byte-level mutations should speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON text.
    Json,
    /// XML text.
    Xml,
    /// Short scalar text (headers, timestamps).
    Text,
}

/// Format-specific tokens the byte mutations insert.
fn tokens(format: Format) -> &'static [&'static str] {
    match format {
        Format::Json => &[
            "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "false", "{}", "[]", "\"\"", "\"a\":", "\"__type\":",
            "\"code\":", "\"message\":", "\"Message\":", "\\u0000", "\\ud800", "\\udc00", "\\ud800\\udc00", "\\uD834\\uDD1E",
            "\\u", "\\x", "\\'", "/*", "*/", "//", ",]", ",}", "NaN", "-Infinity", "1e400", "\u{feff}",
        ],
        Format::Xml => &[
            "<", ">", "</", "/>", "<a>", "</a>", "<a/>", "<![CDATA[", "]]>", "<!--", "-->", "<?xml version=\"1.0\"?>",
            "<?pi x?>", "<!DOCTYPE a>", "<!DOCTYPE a [<!ENTITY e \"x\">]>", "&e;", "&amp;", "&lt;", "&gt;", "&quot;",
            "&apos;", "&#0;", "&#x0;", "&#xD800;", "&#x10FFFF;", "&#x110000;", "&#65;", "&#x41;", "&#99999999999;", "&",
            "&;", "&#;", "&#x;", " xmlns=\"urn:a\"", " xmlns:a=\"urn:a\"", " xmlns:a=\"\"", " a=\"b\"", " a='b'", " a=b",
            "<member>", "</member>", "<entry>", "</entry>", "<key>", "</key>", "<value>", "</value>", "<Error>",
            "</Error>", "<Code>", "</Code>", "<Message>", "</Message>", "<Errors>", "</Errors>", "\u{feff}",
        ],
        Format::Text => &[",", "\"", "\\", " ", "\t", ";", "=", "T", "Z", ":", ".", "-", "+", "GMT", "e", "0", "9"],
    }
}

/// Apply one byte-level mutation to `data`, using `donor` for splices and `words` (strings
/// seen in the seeds) as extra tokens.
pub fn mutate_bytes(rng: &mut Rng, data: &mut Vec<u8>, donor: &[u8], words: &[String], format: Format) {
    let len = data.len();
    match rng.below(15) {
        0 if len > 0 => {
            let at = rng.below(len);
            data[at] ^= 1 << rng.below(8);
        }
        1 if len > 0 => {
            let at = rng.below(len);
            data[at] = *rng.pick(INTERESTING_BYTES);
        }
        2 => {
            let at = rng.below(len + 1);
            let n = rng.range(1, 16);
            let bytes: Vec<u8> = (0..n).map(|_| if rng.chance(50) { *rng.pick(INTERESTING_BYTES) } else { rng.next_u64() as u8 }).collect();
            data.splice(at..at, bytes);
        }
        3 if len > 0 => {
            let at = rng.below(len);
            let n = rng.size(len - at).max(1);
            data.drain(at..at + n);
        }
        4 if len > 0 => {
            let at = rng.below(len);
            let n = rng.size(len - at).max(1);
            let chunk = data[at..at + n].to_vec();
            let to = rng.below(len + 1);
            // Bounded before copying: the cap at the end would come after gigabytes were built.
            let copies = if rng.one_in(8) { rng.size(1000).max(1) } else { 1 }.min(MAX_LEN / chunk.len()).max(1);
            let repeated: Vec<u8> = chunk.iter().copied().cycle().take(chunk.len() * copies).collect();
            data.splice(to..to, repeated);
        }
        5 if !donor.is_empty() => {
            let a = rng.below(len + 1);
            let b = rng.below(donor.len());
            data.truncate(a);
            data.extend_from_slice(&donor[b..]);
        }
        6 if !donor.is_empty() => {
            let b = rng.below(donor.len());
            let n = rng.size(donor.len() - b).max(1);
            let at = rng.below(len + 1);
            data.splice(at..at, donor[b..b + n].iter().copied());
        }
        7 if len > 0 => data.truncate(rng.below(len)),
        8 => replace_number(rng, data),
        9 => {
            let at = rng.below(len + 1);
            let token: Vec<u8> = if !words.is_empty() && rng.chance(40) {
                rng.pick(words).as_bytes().to_vec()
            } else {
                rng.pick(tokens(format)).as_bytes().to_vec()
            };
            data.splice(at..at, token);
        }
        10 => insert_nesting(rng, data, format),
        11 => {
            let at = rng.below(len + 1);
            let unit: &[u8] = match rng.below(6) {
                0 => b"a",
                1 => b"\\\\",
                2 => "\u{10ffff}".as_bytes(),
                3 => b"\\u0041",
                4 => b"&amp;",
                _ => b" ",
            };
            let n = long_len(rng) / unit.len();
            let run: Vec<u8> = unit.iter().copied().cycle().take(unit.len() * n).collect();
            data.splice(at..at, run);
        }
        12 => {
            let at = rng.below(len + 1);
            data.splice(at..at, rng.pick(INVALID_UTF8).iter().copied());
        }
        13 if len > 1 => {
            // Swap two bytes: keeps the length, moves delimiters.
            let (a, b) = (rng.below(len), rng.below(len));
            data.swap(a, b);
        }
        _ => {
            let at = rng.below(len + 1);
            let text = random_scalar_text(rng);
            data.splice(at..at, text.into_bytes());
        }
    }
    data.truncate(MAX_LEN);
}

/// Replace one run of digits (with its sign, fraction and exponent) by a boundary number.
fn replace_number(rng: &mut Rng, data: &mut Vec<u8>) {
    let starts: Vec<usize> =
        (0..data.len()).filter(|&i| data[i].is_ascii_digit() && (i == 0 || !data[i - 1].is_ascii_alphanumeric())).collect();
    let replacement = if rng.chance(80) { rng.pick(NUMBERS).to_string() } else { huge_number(rng) };
    if starts.is_empty() {
        let at = rng.below(data.len() + 1);
        data.splice(at..at, replacement.into_bytes());
        return;
    }
    let mut start = *rng.pick(&starts);
    if start > 0 && data[start - 1] == b'-' {
        start -= 1;
    }
    let mut end = start + 1;
    while end < data.len() && (data[end].is_ascii_digit() || matches!(data[end], b'.' | b'e' | b'E' | b'+' | b'-')) {
        end += 1;
    }
    data.splice(start..end, replacement.into_bytes());
}

/// A number with many digits, or a huge exponent.
pub fn huge_number(rng: &mut Rng) -> String {
    let n = rng.size(5000).max(1);
    match rng.below(5) {
        0 => format!("1{}", "0".repeat(n)),
        1 => format!("-{}", "9".repeat(n)),
        2 => format!("0.{}1", "0".repeat(n)),
        3 => format!("1e{}{}", if rng.chance(50) { "-" } else { "" }, "9".repeat(n.min(40))),
        _ => format!("{}.{}", "7".repeat(n / 2 + 1), "3".repeat(n / 2 + 1)),
    }
}

/// Open `n` levels of nesting at a random point, usually closing them again.
fn insert_nesting(rng: &mut Rng, data: &mut Vec<u8>, format: Format) {
    let depth = nesting_depth(rng);
    let (open, close): (&[u8], &[u8]) = match (format, rng.below(3)) {
        (Format::Xml, 0) => (b"<a>", b"</a>"),
        (Format::Xml, 1) => (b"<member>", b"</member>"),
        (Format::Xml, _) => (b"<a:b x=\"1\">", b"</a:b>"),
        (_, 0) => (b"[", b"]"),
        (_, 1) => (b"{\"a\":", b"}"),
        (_, _) => (b"[{\"a\":", b"}]"),
    };
    let at = rng.below(data.len() + 1);
    let mut chunk = open.repeat(depth);
    if rng.chance(70) {
        chunk.extend_from_slice(if format == Format::Xml { b"x" } else { b"1" });
        chunk.extend(close.repeat(depth));
    }
    data.splice(at..at, chunk);
}

/// A nesting depth: mostly around the parsers' limit of 128, sometimes far beyond it.
pub fn nesting_depth(rng: &mut Rng) -> usize {
    match rng.below(4) {
        0 => rng.range(1, 16),
        1 => rng.range(120, 136),
        2 => *rng.pick(&[127, 128, 129, 255, 256, 1000]),
        _ => *rng.pick(&[5_000, 20_000, 100_000]),
    }
}

/// A scalar as text: a boundary number, a timestamp, base64 or an awkward string.
pub fn random_scalar_text(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => rng.pick(NUMBERS).to_string(),
        1 => rng.pick(TIMESTAMPS).to_string(),
        2 => rng.pick(BASE64).to_string(),
        3 => rng.pick(STRINGS).to_string(),
        _ => huge_number(rng),
    }
}

/// A length for a long run: up to 64 KiB usually, up to half of [`MAX_LEN`] one time in eight
/// (the big ones find size limits; making every input big would only slow the run).
fn long_len(rng: &mut Rng) -> usize {
    if rng.one_in(8) { rng.size(MAX_LEN / 2) } else { rng.size(1 << 16) }.max(1)
}

/// A long string of one awkward character.
fn long_string(rng: &mut Rng) -> String {
    let unit = *rng.pick(&["a", "\u{10ffff}", "\"", "\\", "\u{0}", "<", "&", "\u{e9}", " "]);
    unit.repeat((long_len(rng) / unit.len()).max(1))
}

// -------------------------------------------------------------------------------------------
// JSON trees
// -------------------------------------------------------------------------------------------

/// A JSON value that may be invalid on purpose: raw leaves are printed as they are, objects may
/// repeat keys, and nesting may be deeper than anything the driver builds for real.
#[derive(Debug, Clone, PartialEq)]
pub enum J {
    /// Printed verbatim: numbers, literals, and anything else (`NaN`, `"\ud800"`).
    Raw(String),
    /// A string, printed quoted and escaped.
    Str(String),
    /// An array.
    Arr(Vec<J>),
    /// An object; keys may repeat.
    Obj(Vec<(String, J)>),
    /// `times` openings, `inner`, then the matching closings.
    Nest {
        /// What opens one level (`[` or `{"a":`).
        open: &'static str,
        /// What closes one level.
        close: &'static str,
        /// How many levels.
        times: usize,
        /// The value at the bottom.
        inner: Box<J>,
    },
}

impl J {
    /// The tree of a parsed JSON value.
    pub fn from_value(value: &serde_json::Value) -> J {
        match value {
            serde_json::Value::Null => J::Raw("null".into()),
            serde_json::Value::Bool(b) => J::Raw(b.to_string()),
            serde_json::Value::Number(n) => J::Raw(n.to_string()),
            serde_json::Value::String(s) => J::Str(s.clone()),
            serde_json::Value::Array(items) => J::Arr(items.iter().map(J::from_value).collect()),
            serde_json::Value::Object(map) => J::Obj(map.iter().map(|(k, v)| (k.clone(), J::from_value(v))).collect()),
        }
    }

    /// Parse JSON text into a tree (`None` when it is not JSON).
    pub fn parse(text: &str) -> Option<J> {
        serde_json::from_str::<serde_json::Value>(text).ok().map(|v| J::from_value(&v))
    }

    /// The JSON text, compact.
    pub fn print(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            J::Raw(text) => out.push_str(text),
            J::Str(text) => write_json_string(out, text),
            J::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            J::Obj(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_json_string(out, key);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
            J::Nest { open, close, times, inner } => {
                for _ in 0..*times {
                    out.push_str(open);
                }
                inner.write(out);
                for _ in 0..*times {
                    out.push_str(close);
                }
            }
        }
    }

    /// About how many bytes [`print`](Self::print) writes, without writing them.
    pub fn weight(&self) -> usize {
        match self {
            J::Raw(text) => text.len(),
            J::Str(text) => 2 + text.bytes().map(|b| if b < 0x20 { 6 } else if b == b'"' || b == b'\\' { 2 } else { 1 }).sum::<usize>(),
            J::Arr(items) => 2 + items.iter().map(|v| v.weight() + 1).sum::<usize>(),
            J::Obj(members) => 2 + members.iter().map(|(k, v)| k.len() + 4 + v.weight()).sum::<usize>(),
            J::Nest { open, close, times, inner } => times.saturating_mul(open.len() + close.len()).saturating_add(inner.weight()),
        }
    }

    /// How many nodes the tree has.
    pub fn count(&self) -> usize {
        1 + match self {
            J::Arr(items) => items.iter().map(J::count).sum(),
            J::Obj(members) => members.iter().map(|(_, v)| v.count()).sum(),
            J::Nest { inner, .. } => inner.count(),
            _ => 0,
        }
    }

    /// The `n`th node in pre-order (the root is 0); `n` must be below [`count`](Self::count).
    pub fn nth_mut(&mut self, n: usize) -> &mut J {
        let mut node = self;
        let mut n = n;
        loop {
            if n == 0 {
                return node;
            }
            n -= 1;
            // Rebinding `node` to a child needs the children by value: walk them once to find
            // which one holds `n`, then descend into it.
            let children: Vec<&mut J> = match node {
                J::Arr(items) => items.iter_mut().collect(),
                J::Obj(members) => members.iter_mut().map(|(_, v)| v).collect(),
                J::Nest { inner, .. } => vec![inner.as_mut()],
                _ => unreachable!("n is below count()"),
            };
            let mut next = None;
            for child in children {
                let c = child.count();
                if n < c {
                    next = Some(child);
                    break;
                }
                n -= c;
            }
            node = next.expect("n is below count()");
        }
    }

    /// The `n`th node, read-only.
    pub fn nth(&self, n: usize) -> &J {
        let mut node = self;
        let mut n = n;
        loop {
            if n == 0 {
                return node;
            }
            n -= 1;
            let children: Vec<&J> = match node {
                J::Arr(items) => items.iter().collect(),
                J::Obj(members) => members.iter().map(|(_, v)| v).collect(),
                J::Nest { inner, .. } => vec![inner.as_ref()],
                _ => unreachable!("n is below count()"),
            };
            let mut next = None;
            for child in children {
                let c = child.count();
                if n < c {
                    next = Some(child);
                    break;
                }
                n -= c;
            }
            node = next.expect("n is below count()");
        }
    }

    /// A random node, mutable.
    pub fn random_mut(&mut self, rng: &mut Rng) -> &mut J {
        let n = rng.below(self.count());
        self.nth_mut(n)
    }

    /// The pre-order indices of the nodes `keep` accepts, in one walk (asking
    /// [`nth`](Self::nth) about every node would be quadratic in mutated long lists).
    pub fn find(&self, keep: impl Fn(&J) -> bool) -> Vec<usize> {
        let mut found = Vec::new();
        let mut stack = vec![self];
        let mut index = 0;
        while let Some(node) = stack.pop() {
            if keep(node) {
                found.push(index);
            }
            match node {
                J::Arr(items) => stack.extend(items.iter().rev()),
                J::Obj(members) => stack.extend(members.iter().rev().map(|(_, v)| v)),
                J::Nest { inner, .. } => stack.push(inner),
                _ => {}
            }
            index += 1;
        }
        found
    }

    /// A random object or array of the tree, if it has one.
    fn random_container_mut(&mut self, rng: &mut Rng) -> Option<&mut J> {
        let containers = self.find(|node| matches!(node, J::Arr(_) | J::Obj(_)));
        if containers.is_empty() {
            return None;
        }
        let n = *rng.pick(&containers);
        Some(self.nth_mut(n))
    }
}

/// Write `text` as a JSON string, escaping what RFC 8259 requires.
pub fn write_json_string(out: &mut String, text: &str) {
    out.push('"');
    if !text.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
        // Most strings need no escape: one copy instead of a push per character.
        out.push_str(text);
        out.push('"');
        return;
    }
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A random JSON leaf or small value, typed or mistyped.
pub fn random_json_scalar(rng: &mut Rng, words: &[String]) -> J {
    match rng.below(14) {
        0 => J::Raw(rng.pick(NUMBERS).to_string()),
        1 => J::Raw(huge_number(rng)),
        2 => J::Raw(rng.pick(&["true", "false", "null"]).to_string()),
        3 => J::Str(rng.pick(TIMESTAMPS).to_string()),
        4 => J::Raw(rng.pick(&["1398796238", "1398796238.123", "-1e20", "1e400", "253402300800", "-62135596801"]).to_string()),
        5 => J::Str(rng.pick(BASE64).to_string()),
        6 => J::Str(rng.pick(STRINGS).to_string()),
        7 if !words.is_empty() => J::Str(rng.pick(words).clone()),
        8 => J::Obj(Vec::new()),
        9 => J::Arr(Vec::new()),
        10 => J::Str(long_string(rng)),
        11 => J::Raw(
            rng.pick(&["\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u00\"", "\"\\x41\"", "\"\u{0}\"", "'a'", "NaN", "undefined", "-"])
                .to_string(),
        ),
        12 => J::Str(rng.pick(NUMBERS).to_string()),
        _ => J::Obj(vec![(if words.is_empty() { "a".to_string() } else { rng.pick(words).clone() }, J::Raw("1".into()))]),
    }
}

/// Apply one tree mutation to `tree`, taking spliced subtrees from `donor`. A result that
/// would print more than [`MAX_LEN`] (repeating a long string thousands of times builds
/// gigabytes) is replaced by `donor`, a seed: cheaper than keeping a copy to undo every
/// mutation.
pub fn mutate_json(rng: &mut Rng, tree: &mut J, donor: &J, words: &[String]) {
    mutate_json_once(rng, tree, donor, words);
    if tree.weight() > MAX_LEN {
        *tree = donor.clone();
    }
}

fn mutate_json_once(rng: &mut Rng, tree: &mut J, donor: &J, words: &[String]) {
    match rng.below(12) {
        0 | 1 => *tree.random_mut(rng) = random_json_scalar(rng, words),
        2 => {
            let n = rng.below(donor.count());
            let graft = donor.nth(n).clone();
            *tree.random_mut(rng) = graft;
        }
        3 => {
            if let Some(container) = tree.random_container_mut(rng) {
                match container {
                    J::Arr(items) if !items.is_empty() => {
                        let i = rng.below(items.len());
                        items.remove(i);
                    }
                    J::Obj(members) if !members.is_empty() => {
                        let i = rng.below(members.len());
                        members.remove(i);
                    }
                    _ => {}
                }
            }
        }
        4 => {
            // Repeat a child: duplicate keys in objects, long lists in arrays.
            if let Some(container) = tree.random_container_mut(rng) {
                let copies = if rng.chance(70) { 1 } else { rng.size(5000).max(1) };
                // Bounded before copying, by what the copies would print.
                let fit = |weight: usize| copies.min(MAX_LEN / weight.max(1)).max(1);
                match container {
                    J::Arr(items) if !items.is_empty() => {
                        let item = rng.pick(items).clone();
                        let copies = fit(item.weight());
                        items.extend(std::iter::repeat_n(item, copies));
                    }
                    J::Obj(members) if !members.is_empty() => {
                        let member = rng.pick(members).clone();
                        let copies = fit(member.0.len() + member.1.weight());
                        members.extend(std::iter::repeat_n(member, copies));
                    }
                    _ => {}
                }
            }
        }
        5 => {
            let node = tree.random_mut(rng);
            let inner = std::mem::replace(node, J::Raw(String::new()));
            let (open, close) = *rng.pick(&[("[", "]"), ("{\"a\":", "}"), ("[{\"a\":", "}]")]);
            *node = J::Nest { open, close, times: nesting_depth(rng), inner: Box::new(inner) };
        }
        6 => {
            if let Some(J::Obj(members)) = tree.random_container_mut(rng) {
                if !members.is_empty() {
                    let i = rng.below(members.len());
                    members[i].0 = if !words.is_empty() && rng.chance(60) { rng.pick(words).clone() } else { rng.pick(STRINGS).to_string() };
                }
            }
        }
        7 => {
            let value = if rng.chance(50) { random_json_scalar(rng, words) } else { donor.nth(rng.below(donor.count())).clone() };
            match tree.random_container_mut(rng) {
                Some(J::Arr(items)) => {
                    let at = rng.below(items.len() + 1);
                    items.insert(at, value);
                }
                Some(J::Obj(members)) => {
                    let key = if !words.is_empty() && rng.chance(70) { rng.pick(words).clone() } else { random_scalar_text(rng) };
                    let at = rng.below(members.len() + 1);
                    members.insert(at, (key, value));
                }
                _ => *tree = J::Obj(vec![("a".into(), value)]),
            }
        }
        8 => {
            // Objects and arrays swapped: a list where a structure is expected, and back.
            if let Some(container) = tree.random_container_mut(rng) {
                let replaced = match std::mem::replace(container, J::Raw("null".into())) {
                    J::Arr(items) => J::Obj(items.into_iter().enumerate().map(|(i, v)| (i.to_string(), v)).collect()),
                    J::Obj(members) => J::Arr(members.into_iter().map(|(_, v)| v).collect()),
                    other => other,
                };
                *container = replaced;
            }
        }
        9 => {
            let node = tree.random_mut(rng);
            let text = match node {
                J::Raw(t) | J::Str(t) => t.clone(),
                _ => String::new(),
            };
            // The same text with the other type: numbers as strings, strings as bare words.
            *node = if matches!(node, J::Str(_)) { J::Raw(text) } else { J::Str(text) };
        }
        10 => {
            if let Some(container) = tree.random_container_mut(rng) {
                let n = rng.size(20_000).max(1);
                match container {
                    J::Arr(items) => items.extend((0..n).map(|i| J::Raw(i.to_string()))),
                    J::Obj(members) => members.extend((0..n).map(|i| (format!("k{i}"), J::Raw("null".into())))),
                    _ => {}
                }
            }
        }
        _ => {
            let node = tree.random_mut(rng);
            *node = J::Str(long_string(rng));
        }
    }
}

// -------------------------------------------------------------------------------------------
// XML trees
// -------------------------------------------------------------------------------------------

/// An XML node that may be invalid on purpose.
#[derive(Debug, Clone, PartialEq)]
pub enum X {
    /// An element; attribute values are raw (printed between double quotes as they are).
    Elem {
        /// The name as written, prefix included.
        name: String,
        /// Attribute names and raw values.
        attrs: Vec<(String, String)>,
        /// The content.
        children: Vec<X>,
    },
    /// Text, escaped when printed.
    Text(String),
    /// Printed verbatim: references, CDATA, comments, processing instructions, DOCTYPEs, junk.
    Raw(String),
    /// `times` nested `<name>`, `inner`, then the closing tags.
    Nest {
        /// The element name of every level.
        name: String,
        /// How many levels.
        times: usize,
        /// The content at the bottom.
        inner: Box<X>,
    },
}

impl X {
    /// The nodes of a parsed element.
    pub fn from_element(element: &smithy_rt::xml::Element) -> X {
        X::Elem {
            name: element.name.clone(),
            attrs: element.attributes.iter().map(|a| (a.name.clone(), escape_xml(&a.value, true))).collect(),
            children: element
                .children
                .iter()
                .map(|c| match c {
                    smithy_rt::xml::Content::Element(e) => X::from_element(e),
                    smithy_rt::xml::Content::Text(t) => X::Text(t.clone()),
                })
                .collect(),
        }
    }

    /// Parse an XML document into a node list (`None` when it is not XML).
    pub fn parse(bytes: &[u8]) -> Option<Vec<X>> {
        smithy_rt::xml::parse(bytes).ok().map(|root| vec![X::from_element(&root)])
    }

    fn write(&self, out: &mut String) {
        match self {
            X::Elem { name, attrs, children } => {
                out.push('<');
                out.push_str(name);
                for (n, v) in attrs {
                    out.push(' ');
                    out.push_str(n);
                    out.push_str("=\"");
                    out.push_str(v);
                    out.push('"');
                }
                if children.is_empty() {
                    out.push_str("/>");
                    return;
                }
                out.push('>');
                for child in children {
                    child.write(out);
                }
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
            X::Text(text) => out.push_str(&escape_xml(text, false)),
            X::Raw(text) => out.push_str(text),
            X::Nest { name, times, inner } => {
                for _ in 0..*times {
                    out.push('<');
                    out.push_str(name);
                    out.push('>');
                }
                inner.write(out);
                for _ in 0..*times {
                    out.push_str("</");
                    out.push_str(name);
                    out.push('>');
                }
            }
        }
    }

    /// The pre-order indices of the elements, in one walk.
    fn elements(&self) -> Vec<usize> {
        let mut found = Vec::new();
        let mut stack = vec![self];
        let mut index = 0;
        while let Some(node) = stack.pop() {
            match node {
                X::Elem { children, .. } => {
                    found.push(index);
                    stack.extend(children.iter().rev());
                }
                X::Nest { inner, .. } => stack.push(inner),
                _ => {}
            }
            index += 1;
        }
        found
    }

    /// About how many bytes printing writes.
    pub fn weight(&self) -> usize {
        match self {
            X::Elem { name, attrs, children } => {
                2 * name.len() + 5 + attrs.iter().map(|(n, v)| n.len() + v.len() + 4).sum::<usize>() + children.iter().map(X::weight).sum::<usize>()
            }
            X::Text(text) => text.bytes().map(|b| match b { b'&' | b'\r' => 5, b'<' | b'>' => 4, _ => 1 }).sum(),
            X::Raw(text) => text.len(),
            X::Nest { name, times, inner } => times.saturating_mul(2 * name.len() + 5).saturating_add(inner.weight()),
        }
    }

    fn count(&self) -> usize {
        1 + match self {
            X::Elem { children, .. } => children.iter().map(X::count).sum(),
            X::Nest { inner, .. } => inner.count(),
            _ => 0,
        }
    }

    fn nth(&self, n: usize) -> &X {
        let mut node = self;
        let mut n = n;
        loop {
            if n == 0 {
                return node;
            }
            n -= 1;
            let children: Vec<&X> = match node {
                X::Elem { children, .. } => children.iter().collect(),
                X::Nest { inner, .. } => vec![inner.as_ref()],
                _ => unreachable!("n is below count()"),
            };
            let mut next = None;
            for child in children {
                let c = child.count();
                if n < c {
                    next = Some(child);
                    break;
                }
                n -= c;
            }
            node = next.expect("n is below count()");
        }
    }

    fn nth_mut(&mut self, n: usize) -> &mut X {
        let mut node = self;
        let mut n = n;
        loop {
            if n == 0 {
                return node;
            }
            n -= 1;
            let children: Vec<&mut X> = match node {
                X::Elem { children, .. } => children.iter_mut().collect(),
                X::Nest { inner, .. } => vec![inner.as_mut()],
                _ => unreachable!("n is below count()"),
            };
            let mut next = None;
            for child in children {
                let c = child.count();
                if n < c {
                    next = Some(child);
                    break;
                }
                n -= c;
            }
            node = next.expect("n is below count()");
        }
    }
}

/// Print a node list as a document.
pub fn print_xml(nodes: &[X]) -> String {
    let mut out = String::new();
    for node in nodes {
        node.write(&mut out);
    }
    out
}

/// Escape text (or an attribute value) for XML.
pub fn escape_xml(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
    out
}

/// Raw snippets that are valid, invalid or dangerous XML.
const XML_RAW: &[&str] = &[
    "<!-- c -->", "<!---->", "<!-- -- -->", "<![CDATA[x]]>", "<![CDATA[]]>", "<![CDATA[<a>&amp;]]>", "<?pi x?>", "<?xml version=\"1.0\"?>",
    "&amp;", "&lt;", "&#x10FFFF;", "&#x110000;", "&#0;", "&#xD800;", "&#xFFFE;", "&#65;", "&#99999999999999999999;", "&e;", "&;",
    "&", "<", "]]>", "\u{feff}", "\u{0}", "\u{1}", " ", "\r\n",
];

/// Prologs and epilogues around the root element.
const XML_PROLOG: &[&str] = &[
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.1\"?>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
    "<?xml version=\"2.0\"?>", "<?xml?>", "\u{feff}", "<!DOCTYPE a>", "<!DOCTYPE a SYSTEM \"file:///etc/passwd\">",
    "<!DOCTYPE a [<!ENTITY e \"x\">]>", "<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>",
    "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>",
    "<!-- before -->", "  \n", "junk", "<other/>",
];

/// Attributes, namespace declarations included.
const XML_ATTRS: &[(&str, &str)] = &[
    ("xmlns", "https://example.com/"), ("xmlns", ""), ("xmlns:a", "urn:a"), ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
    ("xsi:nil", "true"), ("xsi:type", "a:b"), ("a", "&lt;&amp;"), ("a", "&e;"), ("a", "&#0;"), ("a:b", "1"), ("xml:lang", "en"),
    ("test", "value"), ("id", "1"), ("1a", "x"), ("a", "<"),
];

/// Element names: awkward ones; the seeds' names come from `names`.
const XML_NAMES: &[&str] = &[
    "member", "entry", "key", "value", "Error", "Errors", "Code", "Message", "Type", "RequestId", "RequestID", "Response",
    "ErrorResponse", "ResponseMetadata", "a:member", "xsi:nil", "a", "A", "_", "a.b", "a-b", "\u{e9}", "\u{1f600}", "1a", "a b", "",
];

/// Apply one tree mutation to a document (a node list, the root element among them); a
/// result that would print more than [`MAX_LEN`] is replaced by `donor`, as in [`mutate_json`].
pub fn mutate_xml(rng: &mut Rng, doc: &mut Vec<X>, donor: &[X], names: &[String]) {
    mutate_xml_once(rng, doc, donor, names);
    if doc.iter().map(X::weight).sum::<usize>() > MAX_LEN {
        *doc = donor.to_vec();
    }
}

fn mutate_xml_once(rng: &mut Rng, doc: &mut Vec<X>, donor: &[X], names: &[String]) {
    if doc.is_empty() {
        doc.push(X::Elem { name: "a".into(), attrs: Vec::new(), children: Vec::new() });
    }
    let root_index = rng.below(doc.len());
    let root = &mut doc[root_index];
    let total = root.count();
    let elements = root.elements();
    let pick_name = |rng: &mut Rng| -> String {
        if !names.is_empty() && rng.chance(60) { rng.pick(names).clone() } else { rng.pick(XML_NAMES).to_string() }
    };
    match rng.below(11) {
        0 | 1 => {
            // New text for an element: where the scalar decoders are.
            if let Some(&i) = elements.get(rng.below(elements.len())) {
                if let X::Elem { children, .. } = root.nth_mut(i) {
                    let text = if rng.chance(85) { random_scalar_text(rng) } else { long_string(rng) };
                    *children = vec![X::Text(text)];
                }
            }
        }
        2 => {
            if let Some(&i) = elements.get(rng.below(elements.len())) {
                if let X::Elem { children, .. } = root.nth_mut(i) {
                    if !children.is_empty() {
                        let child = rng.pick(children).clone();
                        let copies = if rng.chance(70) { 1 } else { rng.size(5000).max(1) }.min(MAX_LEN / child.weight().max(1)).max(1);
                        let at = rng.below(children.len() + 1);
                        children.splice(at..at, std::iter::repeat_n(child, copies));
                    }
                }
            }
        }
        3 => {
            if let Some(&i) = elements.get(rng.below(elements.len())) {
                if let X::Elem { children, .. } = root.nth_mut(i) {
                    if !children.is_empty() {
                        let at = rng.below(children.len());
                        children.remove(at);
                    }
                }
            }
        }
        4 => {
            let new_name = pick_name(rng);
            if let Some(&i) = elements.get(rng.below(elements.len())) {
                if let X::Elem { name, .. } = root.nth_mut(i) {
                    *name = new_name;
                }
            }
        }
        5 => {
            if let Some(&i) = elements.get(rng.below(elements.len())) {
                if let X::Elem { attrs, .. } = root.nth_mut(i) {
                    let (n, v) = *rng.pick(XML_ATTRS);
                    attrs.push((n.to_string(), v.to_string()));
                    if rng.chance(20) {
                        attrs.push((n.to_string(), v.to_string()));
                    }
                }
            }
        }
        6 => {
            let name = pick_name(rng);
            let node = root.nth_mut(rng.below(total));
            let inner = std::mem::replace(node, X::Raw(String::new()));
            *node = X::Nest { name, times: nesting_depth(rng), inner: Box::new(inner) };
        }
        7 if !donor.is_empty() => {
            let d = rng.pick(donor);
            let graft = d.nth(rng.below(d.count())).clone();
            *root.nth_mut(rng.below(total)) = graft;
        }
        8 => {
            let raw = rng.pick(XML_RAW).to_string();
            if let Some(&i) = elements.get(rng.below(elements.len())) {
                if let X::Elem { children, .. } = root.nth_mut(i) {
                    let at = rng.below(children.len() + 1);
                    children.insert(at, if rng.chance(70) { X::Raw(raw) } else { X::Text(random_scalar_text(rng)) });
                }
            }
        }
        9 => {
            let at = if rng.chance(50) { 0 } else { doc.len() };
            doc.insert(at, X::Raw(rng.pick(XML_PROLOG).to_string()));
        }
        _ => {
            // Many children: long flattened lists and maps.
            if let Some(&i) = elements.get(rng.below(elements.len())) {
                let child_name = pick_name(rng);
                if let X::Elem { children, .. } = root.nth_mut(i) {
                    let n = rng.size(20_000).max(1);
                    children.extend((0..n).map(|k| X::Elem { name: child_name.clone(), attrs: Vec::new(), children: vec![X::Text(k.to_string())] }));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trips_and_nests_without_real_depth() {
        let tree = J::parse(r#"{"a":[1,"x",{"b":null}]}"#).unwrap();
        assert_eq!(tree.print(), r#"{"a":[1,"x",{"b":null}]}"#);
        assert_eq!(tree.count(), 6);
        assert_eq!(tree.nth(3), &J::Str("x".into()));
        let nested = J::Nest { open: "[", close: "]", times: 3, inner: Box::new(J::Raw("1".into())) };
        assert_eq!(nested.print(), "[[[1]]]");
    }

    #[test]
    fn xml_round_trips() {
        let doc = X::parse(b"<a x=\"1\"><b>t&amp;</b><c/></a>").unwrap();
        assert_eq!(print_xml(&doc), "<a x=\"1\"><b>t&amp;</b><c/></a>");
    }

    #[test]
    fn mutations_stay_bounded() {
        let mut rng = Rng::new(9);
        let seed = J::parse(r#"{"a":[1,2],"b":{"c":"d"}}"#).unwrap();
        for _ in 0..2000 {
            let mut tree = seed.clone();
            mutate_json(&mut rng, &mut tree, &seed, &["k".to_string()]);
            let mut bytes = tree.print().into_bytes();
            mutate_bytes(&mut rng, &mut bytes, b"[1]", &[], Format::Json);
            assert!(bytes.len() <= MAX_LEN);
        }
    }
}
