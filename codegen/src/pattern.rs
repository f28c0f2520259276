//! Smithy `@pattern` values: ECMA-262 regular expressions, translated for the `regex` crate.
//!
//! Smithy defines `@pattern` as an ECMA-262 regular expression used as a search (not anchored).
//! Generated clients check patterns with the `regex` crate because it runs in linear time on
//! untrusted input, but `regex` reads the same text differently: its `\d`, `\w`, `\s`, `.` and `\b`
//! are Unicode-aware, some characters are special only there (`&&`, `--`, `~~` in classes), and it
//! has no lookaround or backreferences. So a pattern is parsed here exactly as ECMA-262 does (with
//! the `u` flag when the pattern allows it, Annex B otherwise) and printed back in `regex` syntax
//! with the ECMA meaning spelled out, or with the reason it cannot be. The same parse finds
//! patterns that are valid yet almost certainly model bugs.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::{self, Write as _};

/// The `regex` size limit, in MiB, of every expression generated crates compile (see
/// [`REGEX_SIZE_LIMIT`]).
pub const REGEX_SIZE_LIMIT_MIB: usize = 64;

/// The `regex` size limit, in bytes, of every expression generated crates compile, and of the
/// compilation here that proves each translation compiles. The crate's default (10 MiB) is too
/// tight: how much room an expression needs depends on the `regex` features the application
/// enables through any of its dependencies. With `perf-dfa`, `regex` also builds a reverse
/// automaton, and Connect's `^[\P{C}\r\n\t]{1,250}$` needs 12.2 MiB instead of 4.9 MiB. 64 MiB
/// takes such a Unicode class repeated up to 1,000 times under every feature set, while programs
/// of millions of states are still refused.
pub const REGEX_SIZE_LIMIT: usize = REGEX_SIZE_LIMIT_MIB << 20;

/// Compile a translated expression with the builder settings of generated crates.
pub fn compile(regex: &str) -> Result<regex::Regex, regex::Error> {
    regex::RegexBuilder::new(regex)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
}

/// Parse an ECMA-262 pattern (with the `u` flag semantics first; if it is not valid in u-mode,
/// with Annex B / non-u parsing) and translate it.
pub fn analyze(pattern: &str) -> Result<Analysis, PatternError> {
    analyze_with(pattern, true)
}

/// [`analyze`] without compiling the translations, which can take milliseconds (big bounded
/// repeats of Unicode classes). When every one of [`Analysis::expressions`] compiles with
/// [`compile`], this is exactly what [`analyze`] returns; otherwise [`analyze`] says why it
/// does not. For callers that compile the expressions elsewhere, e.g. on another thread.
pub fn analyze_unverified(pattern: &str) -> Result<Analysis, PatternError> {
    analyze_with(pattern, false)
}

fn analyze_with(pattern: &str, verify: bool) -> Result<Analysis, PatternError> {
    let chars: Vec<char> = pattern.chars().collect();
    let parsed = parse(&chars)?;
    let mut warnings = Vec::new();
    if let Some(warning) = double_escape_warning(&chars, &parsed) {
        warnings.push(warning);
    }
    if let Some(reason) = unmatchable_reason(&parsed.ast) {
        warnings.push(PatternWarning::Unmatchable { reason });
    }
    let (translated, exclusions, requirements) = match split_leading_lookaheads(&parsed.ast) {
        Some(split) => match split.translate(verify) {
            Ok((rest, exclusions, requirements)) => (Ok(rest), exclusions, requirements),
            Err(unsupported) => (Err(unsupported), Vec::new(), Vec::new()),
        },
        None => (translate(&parsed.ast, verify), Vec::new(), Vec::new()),
    };
    Ok(Analysis {
        translated,
        exclusions,
        requirements,
        warnings,
    })
}

/// Only whether `pattern` is an ECMA-262 regular expression (the error [`analyze`] would give if
/// not): the parse without the translation and without compiling anything, cheap enough to run on
/// every pattern of a model. [`analyze`] the patterns that are actually generated.
pub fn validate_syntax(pattern: &str) -> Result<(), PatternError> {
    let chars: Vec<char> = pattern.chars().collect();
    parse(&chars).map(|_| ())
}

/// What [`analyze`] learned about a syntactically valid pattern.
///
/// A value satisfies the pattern exactly when `translated` matches it, every one of
/// `requirements` matches it and none of `exclusions` does. The two lists are only non-empty
/// for a pattern that opens with `^` and lookaheads, such as `^(?!aws:)[a-z:]*$`: anchored, the
/// lookaheads can only be tried at the start of the input, so each becomes a regex of its own
/// (`^(?:aws:)`, which must not match) and `translated` is the rest (`^[a-z:]*$`). On its own
/// `translated` then accepts more than the pattern does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// `regex`-crate syntax with the same ECMA-262 semantics, or why it cannot be expressed.
    /// For a pattern with leading lookaheads, that of the pattern without them.
    pub translated: Result<String, Unsupported>,
    /// `regex`-crate syntax for the leading negative lookaheads `(?!X)`, each as `^(?:X)`: the
    /// value is valid only if none of them matches. Empty when `translated` is an error.
    pub exclusions: Vec<String>,
    /// `regex`-crate syntax for the leading positive lookaheads `(?=X)`, each as `^(?:X)`: the
    /// value is valid only if all of them match. Empty when `translated` is an error.
    pub requirements: Vec<String>,
    /// Likely model bugs found in a pattern that is otherwise valid.
    pub warnings: Vec<PatternWarning>,
}

impl Analysis {
    /// Every `regex` expression a generated crate compiles for the pattern: `translated`, then
    /// `requirements`, then `exclusions`; none when it is not translated.
    pub fn expressions(&self) -> impl Iterator<Item = &String> {
        self.translated
            .iter()
            .chain(&self.requirements)
            .chain(&self.exclusions)
    }
}

/// The pattern is not an ECMA-262 regular expression, with or without the `u` flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// Offset in chars (Unicode scalar values) into the pattern.
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Callers put this after their own "not a valid ECMA-262 regular expression".
        write!(f, "{} (at offset {})", self.message, self.offset)
    }
}

impl std::error::Error for PatternError {}

/// Why a valid pattern has no `regex`-crate equivalent. Offsets are in chars into the pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsupported {
    /// `(?=`, `(?!`, `(?<=` or `(?<!`.
    Lookaround { offset: usize },
    /// `\1` or `\k<name>`.
    Backreference { offset: usize },
    /// A `(?i:` modifier group: ECMA and `regex` case folding are not the same relation.
    CaseInsensitive { offset: usize },
    /// `^` or `$` inside a `(?m:` group: ECMA line anchors also break at `\r`, U+2028 and U+2029.
    Multiline { offset: usize },
    /// A `\p{..}` name that ECMA-262 knows and the `regex` crate's Unicode tables do not.
    UnicodeProperty { offset: usize, name: String },
    /// The `regex` crate refused the translation, e.g. a repetition over its size limit.
    Rejected { message: String },
}

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unsupported::Lookaround { offset } => write!(
                f,
                "lookaround at offset {offset}: the `regex` crate has no lookahead or lookbehind \
                 (only lookaheads right after a leading `^` are checked, as separate regexes)"
            ),
            Unsupported::Backreference { offset } => write!(
                f,
                "backreference at offset {offset}: the `regex` crate has no backreferences"
            ),
            Unsupported::CaseInsensitive { offset } => write!(
                f,
                "case-insensitive group at offset {offset}: ECMA case folding is not translated"
            ),
            Unsupported::Multiline { offset } => write!(
                f,
                "line anchor at offset {offset} under the `m` modifier: ECMA lines also end at \
                 `\\r`, U+2028 and U+2029, which the `regex` crate cannot express"
            ),
            Unsupported::UnicodeProperty { offset, name } => write!(
                f,
                "Unicode property `{name}` at offset {offset} is unknown to the `regex` crate"
            ),
            Unsupported::Rejected { message } => {
                write!(f, "the `regex` crate rejects the translation: {message}")
            }
        }
    }
}

/// A pattern that is valid but almost certainly not what the model's author meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternWarning {
    /// e.g. Connect's PhoneNumber `^\\+[1-9]\\d{1,14}$` (a backslash escaped twice: the pattern
    /// matches a literal backslash followed by `d`). `offset` is that of the first doubled
    /// backslash; `suggestion` is the pattern with the doubled escapes undone.
    DoubleEscaped { offset: usize, suggestion: String },
    /// The pattern can match no string at all, e.g. Connect's Password `^/^(?=.*[a-z])...$/$`.
    /// `reason` says why in a short sentence.
    Unmatchable { reason: String },
}

impl fmt::Display for PatternWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PatternWarning::DoubleEscaped { offset, suggestion } => {
                // The suggestion only differs from the pattern at and after `offset`, so the
                // escaped character sits right after the backslash that was kept.
                let what = match suggestion.chars().nth(offset + 1) {
                    Some(c @ ('+' | '*' | '?')) => {
                        format!("`\\\\{c}` repeats a literal backslash")
                    }
                    Some('.') => "`\\\\.` matches a backslash then any character".to_owned(),
                    Some(c) if c.is_ascii_alphabetic() => {
                        format!("`\\\\{c}` matches a backslash then `{c}`")
                    }
                    Some(c) => format!("`\\\\{c}` is a literal backslash followed by `{c}`"),
                    None => "a backslash is escaped twice".to_owned(),
                };
                write!(
                    f,
                    "looks double-escaped: {what}; did you mean `{suggestion}`?"
                )
            }
            PatternWarning::Unmatchable { reason } => write!(f, "can never match: {reason}"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Syntax tree
// ---------------------------------------------------------------------------------------------

/// `regex` has a nest limit of 250 by default, and recursion here must stay well within the stack.
const MAX_DEPTH: usize = 250;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Lit {
    /// A code point; may be a lone surrogate, which no Rust string contains.
    c: u32,
    /// Written as an escape, so printed as one too (`\u00A0` stays visible).
    escaped: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ShorthandKind {
    Digit,
    Word,
    Space,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shorthand {
    kind: ShorthandKind,
    negated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Property {
    /// Canonical short General_Category alias, e.g. `Lu`.
    Category(&'static str),
    Script {
        name: &'static str,
        extensions: bool,
    },
    Binary(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ClassItem {
    Lit(Lit),
    Range(Lit, Lit),
    Shorthand(Shorthand),
    Property {
        prop: Property,
        negated: bool,
        offset: usize,
        name: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Empty,
    Lit {
        lit: Lit,
        offset: usize,
    },
    Dot {
        dot_all: bool,
        offset: usize,
    },
    Shorthand {
        sh: Shorthand,
        offset: usize,
    },
    Property {
        prop: Property,
        negated: bool,
        offset: usize,
        name: String,
    },
    Class {
        negated: bool,
        items: Vec<ClassItem>,
        offset: usize,
    },
    Start {
        multiline: bool,
        offset: usize,
    },
    End {
        multiline: bool,
        offset: usize,
    },
    WordBoundary {
        negated: bool,
    },
    Look {
        offset: usize,
        /// `(?<=` or `(?<!` rather than `(?=` or `(?!`.
        behind: bool,
        /// `(?!` or `(?<!`: the assertion holds where the body does not match.
        negated: bool,
        body: Box<Node>,
    },
    Backref {
        offset: usize,
    },
    Group {
        capture: Capture,
        body: Box<Node>,
    },
    /// `(?ims-ims:...)`; `s` is already resolved into the `Dot`s and `m` into the anchors.
    Modifiers {
        icase: bool,
        offset: usize,
        body: Box<Node>,
    },
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        body: Box<Node>,
        min: u64,
        max: Option<u64>,
        lazy: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Capture {
    No,
    Unnamed,
    Named(String),
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Flags {
    icase: bool,
    multiline: bool,
    dot_all: bool,
}

// ---------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------

struct Parsed {
    ast: Node,
    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "tests pick the oracle's flags from it")
    )]
    unicode: bool,
    /// Offsets of every `\\` (an escaped backslash).
    escaped_backslashes: Vec<usize>,
    /// Whether one of them is followed by what would be a meaningful escape on its own.
    looks_double_escaped: bool,
}

fn parse(chars: &[char]) -> Result<Parsed, PatternError> {
    // ECMA-262 gives Smithy no flags, so prefer the stricter, saner `u` reading and fall back
    // to the web-compatible Annex B grammar only for patterns that need it (`\-`, a lone `{`).
    Parser::run(chars, true).or_else(|_| Parser::run(chars, false))
}

fn error_at(offset: usize, message: impl Into<String>) -> PatternError {
    PatternError {
        offset,
        message: message.into(),
    }
}

/// Group names defined in a subtree, with the offset of each for error messages.
type Names = BTreeMap<String, usize>;

struct Parser<'a> {
    chars: &'a [char],
    pos: usize,
    unicode: bool,
    /// Annex B's `[+NamedCaptureGroups]`: `\k` starts a named reference rather than being `k`.
    named_groups: bool,
    /// Whether `\2` is a backreference depends on the groups in the whole pattern, even later ones.
    total_groups: u64,
    depth: usize,
    flags: Flags,
    names: HashSet<String>,
    named_refs: Vec<(usize, String)>,
    escaped_backslashes: Vec<usize>,
    looks_double_escaped: bool,
}

impl<'a> Parser<'a> {
    fn run(chars: &'a [char], unicode: bool) -> Result<Parsed, PatternError> {
        let (total_groups, has_names) = prescan(chars);
        let mut p = Parser {
            chars,
            pos: 0,
            unicode,
            named_groups: unicode || has_names,
            total_groups,
            depth: 0,
            flags: Flags::default(),
            names: HashSet::new(),
            named_refs: Vec::new(),
            escaped_backslashes: Vec::new(),
            looks_double_escaped: false,
        };
        let (ast, _) = p.disjunction()?;
        if p.pos < chars.len() {
            // A disjunction only stops early at a `)` that opened no group.
            return Err(error_at(p.pos, "unmatched `)`"));
        }
        if let Some((offset, name)) = p.named_refs.iter().find(|(_, n)| !p.names.contains(n)) {
            return Err(error_at(
                *offset,
                format!("`\\k<{name}>` refers to no group named `{name}`"),
            ));
        }
        Ok(Parsed {
            ast,
            unicode,
            escaped_backslashes: p.escaped_backslashes,
            looks_double_escaped: p.looks_double_escaped,
        })
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        let hit = self.peek() == Some(c);
        if hit {
            self.pos += 1;
        }
        hit
    }

    fn eat_str(&mut self, s: &str) -> bool {
        let hit = s
            .chars()
            .enumerate()
            .all(|(i, c)| self.peek_at(i) == Some(c));
        if hit {
            self.pos += s.chars().count();
        }
        hit
    }

    fn disjunction(&mut self) -> Result<(Node, Names), PatternError> {
        let mut alternatives = Vec::new();
        let mut names = Names::new();
        loop {
            let (alternative, alternative_names) = self.alternative()?;
            // The same name may appear in two alternatives: only one of them can take part.
            for (name, offset) in alternative_names {
                names.entry(name).or_insert(offset);
            }
            alternatives.push(alternative);
            if !self.eat('|') {
                break;
            }
        }
        let node = if alternatives.len() == 1 {
            alternatives.swap_remove(0)
        } else {
            Node::Alt(alternatives)
        };
        Ok((node, names))
    }

    fn alternative(&mut self) -> Result<(Node, Names), PatternError> {
        let mut terms = Vec::new();
        let mut names = Names::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let (term, term_names) = self.term()?;
            for (name, offset) in term_names {
                if names.contains_key(&name) {
                    return Err(error_at(offset, format!("duplicate group name `{name}`")));
                }
                names.insert(name, offset);
            }
            terms.push(term);
        }
        let node = match terms.len() {
            0 => Node::Empty,
            1 => terms.swap_remove(0),
            _ => Node::Concat(terms),
        };
        Ok((node, names))
    }

    fn term(&mut self) -> Result<(Node, Names), PatternError> {
        let start = self.pos;
        let mut names = Names::new();
        let Some(c) = self.peek() else {
            return Ok((Node::Empty, names));
        };
        let (atom, quantifiable) = match c {
            '^' => {
                self.pos += 1;
                let multiline = self.flags.multiline;
                (
                    Node::Start {
                        multiline,
                        offset: start,
                    },
                    false,
                )
            }
            '$' => {
                self.pos += 1;
                let multiline = self.flags.multiline;
                (
                    Node::End {
                        multiline,
                        offset: start,
                    },
                    false,
                )
            }
            '\\' if matches!(self.peek_at(1), Some('b' | 'B')) => {
                let negated = self.peek_at(1) == Some('B');
                self.pos += 2;
                (Node::WordBoundary { negated }, false)
            }
            '\\' => (self.atom_escape()?, true),
            '.' => {
                self.pos += 1;
                let dot_all = self.flags.dot_all;
                (
                    Node::Dot {
                        dot_all,
                        offset: start,
                    },
                    true,
                )
            }
            '[' => (self.class()?, true),
            '(' => self.group(&mut names)?,
            '*' | '+' | '?' => {
                return Err(error_at(start, format!("nothing to repeat before `{c}`")));
            }
            '{' if self.unicode => {
                return Err(error_at(start, "lone `{`: escape a literal brace as `\\{`"));
            }
            '{' if self.braced_quantifier().is_some() => {
                return Err(error_at(start, "nothing to repeat before `{`"));
            }
            '}' | ']' if self.unicode => {
                return Err(error_at(
                    start,
                    format!("lone `{c}`: escape it as `\\{c}` under the `u` flag"),
                ));
            }
            _ => {
                self.pos += 1;
                let lit = Lit {
                    c: u32::from(c),
                    escaped: false,
                };
                (Node::Lit { lit, offset: start }, true)
            }
        };
        let Some(quantifier) = self.quantifier()? else {
            return Ok((atom, names));
        };
        if !quantifiable {
            return Err(error_at(
                quantifier.offset,
                "nothing to repeat: an assertion cannot be quantified",
            ));
        }
        let node = Node::Repeat {
            body: Box::new(atom),
            min: quantifier.min,
            max: quantifier.max,
            lazy: quantifier.lazy,
        };
        Ok((node, names))
    }

    fn quantifier(&mut self) -> Result<Option<Quantifier>, PatternError> {
        let offset = self.pos;
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => match self.braced_quantifier() {
                Some((min, max, end)) => {
                    self.pos = end - 1;
                    (min, max)
                }
                None if self.unicode => {
                    return Err(error_at(
                        offset,
                        "incomplete quantifier: escape a literal brace as `\\{`",
                    ));
                }
                // Annex B: the brace is a literal, read as the next atom.
                None => return Ok(None),
            },
            _ => return Ok(None),
        };
        self.pos += 1;
        if max.is_some_and(|max| min > max) {
            return Err(error_at(offset, "numbers out of order in `{}` quantifier"));
        }
        let lazy = self.eat('?');
        Ok(Some(Quantifier {
            offset,
            min,
            max,
            lazy,
        }))
    }

    /// `{n}`, `{n,}` or `{n,m}` at the current position: its bounds and the position after it.
    fn braced_quantifier(&self) -> Option<(u64, Option<u64>, usize)> {
        let (min, mut i) = self.decimal(self.pos + 1)?;
        let max = if self.chars.get(i) == Some(&',') {
            i += 1;
            match self.decimal(i) {
                Some((max, next)) => {
                    i = next;
                    Some(max)
                }
                None => None,
            }
        } else {
            Some(min)
        };
        (self.chars.get(i) == Some(&'}')).then_some((min, max, i + 1))
    }

    /// Decimal digits from `from`, saturating: ECMA allows any count, `regex` will refuse it later.
    fn decimal(&self, from: usize) -> Option<(u64, usize)> {
        let mut i = from;
        let mut value: u64 = 0;
        while let Some(digit) = self.chars.get(i).and_then(|c| c.to_digit(10)) {
            value = value.saturating_mul(10).saturating_add(u64::from(digit));
            i += 1;
        }
        (i > from).then_some((value, i))
    }

    fn group(&mut self, names: &mut Names) -> Result<(Node, bool), PatternError> {
        let open = self.pos;
        if self.depth >= MAX_DEPTH {
            return Err(error_at(
                open,
                format!("groups nested more than {MAX_DEPTH} deep are not supported"),
            ));
        }
        self.pos += 1;
        enum Kind {
            Look { behind: bool, negated: bool },
            Plain(Capture),
            Modifiers { add: Flags, remove: Flags },
        }
        let kind = if self.eat_str("?=") || self.eat_str("?!") {
            let negated = self.chars[self.pos - 1] == '!';
            Kind::Look {
                behind: false,
                negated,
            }
        } else if self.eat_str("?<=") || self.eat_str("?<!") {
            let negated = self.chars[self.pos - 1] == '!';
            Kind::Look {
                behind: true,
                negated,
            }
        } else if self.eat_str("?:") {
            Kind::Plain(Capture::No)
        } else if self.eat_str("?<") {
            let name = self.group_name(open)?;
            self.names.insert(name.clone());
            Kind::Plain(Capture::Named(name))
        } else if self.eat('?') {
            let (add, remove) = self.modifiers(open)?;
            Kind::Modifiers { add, remove }
        } else {
            Kind::Plain(Capture::Unnamed)
        };

        let outer_flags = self.flags;
        if let Kind::Modifiers { add, remove } = &kind {
            self.flags = Flags {
                icase: (self.flags.icase || add.icase) && !remove.icase,
                multiline: (self.flags.multiline || add.multiline) && !remove.multiline,
                dot_all: (self.flags.dot_all || add.dot_all) && !remove.dot_all,
            };
        }
        self.depth += 1;
        let (body, inner_names) = self.disjunction()?;
        self.depth -= 1;
        let inner_flags = std::mem::replace(&mut self.flags, outer_flags);
        if !self.eat(')') {
            return Err(error_at(open, "unterminated group: missing `)`"));
        }

        names.extend(inner_names);
        let body = Box::new(body);
        Ok(match kind {
            Kind::Look { behind, negated } => {
                // Annex B lets a lookahead (never a lookbehind) be quantified without `u`.
                let quantifiable = !behind && !self.unicode;
                let look = Node::Look {
                    offset: open,
                    behind,
                    negated,
                    body,
                };
                (look, quantifiable)
            }
            Kind::Plain(capture) => {
                if let Capture::Named(name) = &capture {
                    if names.contains_key(name) {
                        return Err(error_at(open, format!("duplicate group name `{name}`")));
                    }
                    names.insert(name.clone(), open);
                }
                (Node::Group { capture, body }, true)
            }
            Kind::Modifiers { .. } => {
                let icase = inner_flags.icase;
                (
                    Node::Modifiers {
                        icase,
                        offset: open,
                        body,
                    },
                    true,
                )
            }
        })
    }

    /// The `ims-ims:` of a modifier group (ES2025), after `(?`.
    fn modifiers(&mut self, open: usize) -> Result<(Flags, Flags), PatternError> {
        let mut sets = [Flags::default(), Flags::default()];
        let mut seen = String::new();
        let mut side = 0;
        loop {
            match self.bump() {
                Some(':') if !seen.is_empty() => return Ok((sets[0], sets[1])),
                Some('-') if side == 0 => side = 1,
                Some(c @ ('i' | 'm' | 's')) if !seen.contains(c) => {
                    seen.push(c);
                    let set = &mut sets[side];
                    match c {
                        'i' => set.icase = true,
                        'm' => set.multiline = true,
                        _ => set.dot_all = true,
                    }
                }
                _ => {
                    return Err(error_at(
                        open,
                        "invalid group: `(?` must start `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>` or a modifier like `(?s:`",
                    ));
                }
            }
        }
    }

    /// A RegExpIdentifierName up to and including `>`. ID_Start and ID_Continue are
    /// approximated by `char::is_alphabetic` and `char::is_alphanumeric`: std has no such
    /// tables, and group names only matter for validity, never for what a pattern matches.
    fn group_name(&mut self, open: usize) -> Result<String, PatternError> {
        let mut name = String::new();
        loop {
            let Some(c) = self.bump() else {
                return Err(error_at(open, "unterminated group name: missing `>`"));
            };
            let c = match c {
                '>' => break,
                '\\' => {
                    // Names take `\u{...}` and surrogate pairs even without the `u` flag.
                    let unicode = std::mem::replace(&mut self.unicode, true);
                    let escaped = if self.eat('u') {
                        self.unicode_escape()
                    } else {
                        None
                    };
                    self.unicode = unicode;
                    match escaped.and_then(char::from_u32) {
                        Some(c) => c,
                        None => return Err(error_at(open, "invalid escape in group name")),
                    }
                }
                c => c,
            };
            let valid = c == '$'
                || c == '_'
                || c.is_alphabetic()
                || (!name.is_empty()
                    && (c.is_alphanumeric() || c == '\u{200C}' || c == '\u{200D}'));
            if !valid {
                return Err(error_at(
                    open,
                    format!("invalid character `{c}` in group name"),
                ));
            }
            name.push(c);
        }
        if name.is_empty() {
            return Err(error_at(open, "empty group name"));
        }
        Ok(name)
    }

    /// An escape outside a class, other than `\b` and `\B`; the current char is the backslash.
    fn atom_escape(&mut self) -> Result<Node, PatternError> {
        let start = self.pos;
        self.pos += 1;
        let Some(c) = self.peek() else {
            return Err(error_at(start, "`\\` at end of pattern"));
        };
        match c {
            'd' | 'D' | 'w' | 'W' | 's' | 'S' => {
                self.pos += 1;
                let sh = shorthand(c);
                Ok(Node::Shorthand { sh, offset: start })
            }
            'p' | 'P' if self.unicode => {
                self.pos += 1;
                let (prop, name) = self.property(start)?;
                let negated = c == 'P';
                Ok(Node::Property {
                    prop,
                    negated,
                    offset: start,
                    name,
                })
            }
            '1'..='9' => match self.decimal(self.pos) {
                Some((n, end)) if n <= self.total_groups => {
                    self.pos = end;
                    Ok(Node::Backref { offset: start })
                }
                _ if self.unicode => Err(error_at(
                    start,
                    "backreference to a group that does not exist",
                )),
                // Annex B: a legacy octal escape, or `\8` and `\9` as the digits themselves.
                _ => {
                    let lit = self.character_escape(start, false)?;
                    Ok(Node::Lit { lit, offset: start })
                }
            },
            'k' if self.named_groups => {
                self.pos += 1;
                if !self.eat('<') {
                    return Err(error_at(start, "`\\k` must be followed by `<name>`"));
                }
                let name = self.group_name(start)?;
                self.named_refs.push((start, name));
                Ok(Node::Backref { offset: start })
            }
            'c' if !self.unicode && !self.peek_at(1).is_some_and(|l| l.is_ascii_alphabetic()) => {
                // Annex B: a `\` not starting a control escape stands for itself; `c` comes next.
                let lit = Lit {
                    c: u32::from('\\'),
                    escaped: true,
                };
                Ok(Node::Lit { lit, offset: start })
            }
            _ => {
                let lit = self.character_escape(start, false)?;
                Ok(Node::Lit { lit, offset: start })
            }
        }
    }

    /// A CharacterEscape (plus Annex B's class-only forms); the current char follows the backslash.
    fn character_escape(&mut self, start: usize, in_class: bool) -> Result<Lit, PatternError> {
        let Some(c) = self.bump() else {
            return Err(error_at(start, "`\\` at end of pattern"));
        };
        let value = match c {
            'f' => 0x0C,
            'n' => 0x0A,
            'r' => 0x0D,
            't' => 0x09,
            'v' => 0x0B,
            'c' => match self.peek() {
                Some(l) if l.is_ascii_alphabetic() => {
                    self.pos += 1;
                    u32::from(l) % 32
                }
                Some(l) if in_class && !self.unicode && (l.is_ascii_digit() || l == '_') => {
                    self.pos += 1;
                    u32::from(l) % 32
                }
                _ if self.unicode => {
                    return Err(error_at(start, "`\\c` must be followed by a letter"));
                }
                _ => {
                    // Annex B: a literal backslash; the `c` is read again as the next atom.
                    self.pos -= 1;
                    u32::from('\\')
                }
            },
            '0' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => 0,
            '0'..='9' if self.unicode => {
                return Err(error_at(
                    start,
                    "invalid decimal escape (octal escapes need the non-`u` grammar)",
                ));
            }
            '0'..='7' => {
                self.pos -= 1;
                self.legacy_octal()
            }
            'x' => match (hex_digit(self.peek()), hex_digit(self.peek_at(1))) {
                (Some(high), Some(low)) => {
                    self.pos += 2;
                    high * 16 + low
                }
                _ if self.unicode => {
                    return Err(error_at(start, "`\\x` must be followed by two hex digits"));
                }
                _ => u32::from('x'),
            },
            'u' => match self.unicode_escape() {
                Some(value) => value,
                None if self.unicode => {
                    return Err(error_at(
                        start,
                        "`\\u` must be followed by four hex digits or `{hex}` up to 10FFFF",
                    ));
                }
                None => u32::from('u'),
            },
            '^' | '$' | '\\' | '.' | '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '|'
            | '/' => {
                if c == '\\' {
                    self.escaped_backslashes.push(start);
                    self.looks_double_escaped |= self.before_single_escape(in_class);
                }
                u32::from(c)
            }
            '-' if in_class && self.unicode => u32::from('-'),
            'k' if in_class && self.named_groups && !self.unicode => {
                return Err(error_at(
                    start,
                    "`\\k` in a class of a pattern with named groups",
                ));
            }
            _ if self.unicode => {
                return Err(error_at(
                    start,
                    format!(
                        "invalid escape `\\{c}`: under the `u` flag only syntax characters may be escaped"
                    ),
                ));
            }
            // Annex B identity escape: `\a` is `a`.
            _ => u32::from(c),
        };
        Ok(Lit {
            c: value,
            escaped: true,
        })
    }

    /// After an escaped backslash: is the next char one that, with a single backslash, would be
    /// a meaningful escape? That is what a pattern escaped once for JSON and once more by hand
    /// looks like (`\\d`). Only characters unlikely to follow a literal backslash count, so that
    /// Windows paths like `C:\\[^\\]+` and `\\\\host\\share` stay quiet.
    fn before_single_escape(&self, in_class: bool) -> bool {
        let Some(next) = self.peek() else {
            return false;
        };
        let property = matches!(next, 'p' | 'P') && self.peek_at(1) == Some('{');
        // `\\share` is a backslash before a word, not a mangled `\s`.
        let letter = "dDwWsSnrtfv".contains(next)
            && !self.peek_at(1).is_some_and(|c| c.is_ascii_alphabetic());
        if in_class {
            letter || property
        } else {
            letter || property || "bB+*?.".contains(next)
        }
    }

    /// Annex B's LegacyOctalEscapeSequence; the current char is its first digit (0-7).
    fn legacy_octal(&mut self) -> u32 {
        let octal = |c: Option<char>| c.and_then(|c| c.to_digit(8));
        let Some(first) = octal(self.peek()) else {
            return 0;
        };
        self.pos += 1;
        let Some(second) = octal(self.peek()) else {
            return first;
        };
        self.pos += 1;
        let two = first * 8 + second;
        match octal(self.peek()) {
            Some(third) if first <= 3 => {
                self.pos += 1;
                two * 8 + third
            }
            _ => two,
        }
    }

    /// The rest of a `\u` escape: `XXXX`, a surrogate pair `XXXX\uXXXX` read as one code point,
    /// or `{X...}` under `u`. `None` (nothing consumed) if it is not one.
    fn unicode_escape(&mut self) -> Option<u32> {
        if self.unicode && self.peek() == Some('{') {
            let mut i = self.pos + 1;
            let mut value: u64 = 0;
            while let Some(digit) = hex_digit(self.chars.get(i).copied()) {
                value = value.saturating_mul(16).saturating_add(u64::from(digit));
                i += 1;
            }
            if i == self.pos + 1 || self.chars.get(i) != Some(&'}') || value > 0x10_FFFF {
                return None;
            }
            self.pos = i + 1;
            return u32::try_from(value).ok();
        }
        let lead = self.hex4(self.pos)?;
        self.pos += 4;
        // A Rust string holds code points, so a pair is the astral character it encodes, as
        // ECMA reads it under `u` (and as matching against well-formed UTF-16 amounts to).
        if (0xD800..=0xDBFF).contains(&lead)
            && self.peek() == Some('\\')
            && self.peek_at(1) == Some('u')
        {
            if let Some(trail) = self
                .hex4(self.pos + 2)
                .filter(|t| (0xDC00..=0xDFFF).contains(t))
            {
                self.pos += 6;
                return Some(0x10000 + ((lead - 0xD800) << 10) + (trail - 0xDC00));
            }
        }
        Some(lead)
    }

    fn hex4(&self, from: usize) -> Option<u32> {
        (0..4).try_fold(0, |acc, i| {
            hex_digit(self.chars.get(from + i).copied()).map(|d| acc * 16 + d)
        })
    }

    /// `{Name}` or `{Name=Value}` after `\p` or `\P`, checked against ECMA-262's (exact, not loose) names.
    fn property(&mut self, start: usize) -> Result<(Property, String), PatternError> {
        if !self.eat('{') {
            return Err(error_at(start, "`\\p` must be followed by `{name}`"));
        }
        let from = self.pos;
        while let Some(c) = self.peek() {
            if c == '}' || !(c.is_ascii_alphanumeric() || c == '_' || c == '=') {
                break;
            }
            self.pos += 1;
        }
        let text: String = self.chars[from..self.pos].iter().collect();
        if !self.eat('}') {
            return Err(error_at(start, "unterminated `\\p{`"));
        }
        let prop = match text.split_once('=') {
            Some(("General_Category" | "gc", value)) => {
                lookup(GENERAL_CATEGORIES, value).map(Property::Category)
            }
            Some(("Script" | "sc", value)) => lookup(SCRIPTS, value).map(|name| Property::Script {
                name,
                extensions: false,
            }),
            Some(("Script_Extensions" | "scx", value)) => {
                lookup(SCRIPTS, value).map(|name| Property::Script {
                    name,
                    extensions: true,
                })
            }
            Some(_) => None,
            None => lookup(BINARY_PROPERTIES, &text)
                .map(Property::Binary)
                .or_else(|| lookup(GENERAL_CATEGORIES, &text).map(Property::Category)),
        };
        match prop {
            Some(prop) => Ok((prop, text)),
            None => Err(error_at(
                start,
                format!("unknown Unicode property `{text}`"),
            )),
        }
    }

    fn class(&mut self) -> Result<Node, PatternError> {
        let start = self.pos;
        self.pos += 1;
        let negated = self.eat('^');
        let mut items = Vec::new();
        loop {
            match self.peek() {
                None => {
                    return Err(error_at(start, "unterminated character class: missing `]`"));
                }
                Some(']') => {
                    self.pos += 1;
                    break;
                }
                Some(_) => {}
            }
            let first_offset = self.pos;
            let first = self.class_atom()?;
            let is_range = self.peek() == Some('-') && !matches!(self.peek_at(1), Some(']') | None);
            if !is_range {
                items.push(first);
                continue;
            }
            self.pos += 1;
            let second = self.class_atom()?;
            match (first, second) {
                (ClassItem::Lit(low), ClassItem::Lit(high)) => {
                    if low.c > high.c {
                        return Err(error_at(
                            first_offset,
                            "range out of order in character class",
                        ));
                    }
                    items.push(ClassItem::Range(low, high));
                }
                _ if self.unicode => {
                    return Err(error_at(
                        first_offset,
                        "a class escape like `\\d` cannot bound a range",
                    ));
                }
                (first, second) => {
                    // Annex B: with a class escape at either end, `-` is just a character.
                    items.push(first);
                    items.push(ClassItem::Lit(Lit {
                        c: u32::from('-'),
                        escaped: false,
                    }));
                    items.push(second);
                }
            }
        }
        Ok(Node::Class {
            negated,
            items,
            offset: start,
        })
    }

    fn class_atom(&mut self) -> Result<ClassItem, PatternError> {
        let start = self.pos;
        let Some(c) = self.bump() else {
            return Err(error_at(start, "unterminated character class: missing `]`"));
        };
        if c != '\\' {
            return Ok(ClassItem::Lit(Lit {
                c: u32::from(c),
                escaped: false,
            }));
        }
        let Some(e) = self.peek() else {
            return Err(error_at(start, "`\\` at end of pattern"));
        };
        match e {
            // In a class `\b` is a backspace, not a word boundary.
            'b' => {
                self.pos += 1;
                Ok(ClassItem::Lit(Lit {
                    c: 0x08,
                    escaped: true,
                }))
            }
            'd' | 'D' | 'w' | 'W' | 's' | 'S' => {
                self.pos += 1;
                Ok(ClassItem::Shorthand(shorthand(e)))
            }
            'p' | 'P' if self.unicode => {
                self.pos += 1;
                let (prop, name) = self.property(start)?;
                Ok(ClassItem::Property {
                    prop,
                    negated: e == 'P',
                    offset: start,
                    name,
                })
            }
            _ => Ok(ClassItem::Lit(self.character_escape(start, true)?)),
        }
    }
}

struct Quantifier {
    offset: usize,
    min: u64,
    max: Option<u64>,
    lazy: bool,
}

/// Capturing group count and whether any group is named, as ECMA needs them before parsing
/// (`\2` and `\k` change meaning with groups that come later).
fn prescan(chars: &[char]) -> (u64, bool) {
    let (mut groups, mut named, mut in_class) = (0u64, false, false);
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class => {
                if chars.get(i + 1) != Some(&'?') {
                    groups += 1;
                } else if chars.get(i + 2) == Some(&'<')
                    && !matches!(chars.get(i + 3), Some('=' | '!'))
                {
                    groups += 1;
                    named = true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    (groups, named)
}

fn shorthand(c: char) -> Shorthand {
    let kind = match c.to_ascii_lowercase() {
        'd' => ShorthandKind::Digit,
        'w' => ShorthandKind::Word,
        _ => ShorthandKind::Space,
    };
    Shorthand {
        kind,
        negated: c.is_ascii_uppercase(),
    }
}

fn hex_digit(c: Option<char>) -> Option<u32> {
    c.and_then(|c| c.to_digit(16))
}

/// The canonical (first) name of the row of `table` that lists `name`.
fn lookup(table: &'static str, name: &str) -> Option<&'static str> {
    table
        .split('|')
        .find(|row| row.split(' ').any(|alias| alias == name))
        .and_then(|row| row.split(' ').next())
}

// ---------------------------------------------------------------------------------------------
// Translation to `regex` syntax
// ---------------------------------------------------------------------------------------------

/// ECMA's `.` without the `s` flag: every code point but the four line terminators.
const DOT: &str = "[^\\n\\r\\u2028\\u2029]";
const ANY_CHAR: &str = "(?s:.)";
/// Matches nothing; what an ECMA construct becomes when it can only match lone surrogates.
const NOTHING: &str = "\\P{Any}";
const ALL_CODE_POINTS: &str = "\\x00-\\u{10FFFF}";

impl ShorthandKind {
    /// The ECMA set as `regex` class contents: ASCII for `\d` and `\w`, ECMA's own space list
    /// (not Unicode White_Space: U+FEFF is in, U+0085 is out) for `\s`.
    fn class_body(self) -> &'static str {
        match self {
            ShorthandKind::Digit => "0-9",
            ShorthandKind::Word => "A-Za-z0-9_",
            ShorthandKind::Space => {
                "\\t\\n\\v\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF"
            }
        }
    }

    fn intervals(self) -> &'static [(u32, u32)] {
        match self {
            ShorthandKind::Digit => &[(0x30, 0x39)],
            ShorthandKind::Word => &[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)],
            ShorthandKind::Space => &[
                (0x09, 0x0D),
                (0x20, 0x20),
                (0xA0, 0xA0),
                (0x1680, 0x1680),
                (0x2000, 0x200A),
                (0x2028, 0x2029),
                (0x202F, 0x202F),
                (0x205F, 0x205F),
                (0x3000, 0x3000),
                (0xFEFF, 0xFEFF),
            ],
        }
    }
}

impl Property {
    /// The name inside `\p{..}` for `regex`, or `None` for Surrogate (`Cs`), which no Rust
    /// string contains and which `regex` therefore does not know.
    fn regex_name(self) -> Option<String> {
        match self {
            Property::Category("Cs") => None,
            Property::Category(name) | Property::Binary(name) => Some(name.to_owned()),
            Property::Script { name, extensions } => {
                Some(format!("{}={name}", if extensions { "scx" } else { "sc" }))
            }
        }
    }
}

/// A pattern `^(?!X1)(?=X2)...R` (no `|` at the top level, so every match starts with that `^`).
/// Its lookaheads can only be tried at the start of the input and consume nothing, so it matches
/// exactly the inputs that `^R` matches, `^(?:X2)` matches and `^(?:X1)` does not.
struct LeadingLookaheads {
    /// `^R`: the pattern without its lookaheads.
    rest: Node,
    /// `^(?:X)` for each lookahead in source order, and whether it is negated.
    looks: Vec<(Node, bool)>,
}

impl LeadingLookaheads {
    /// `translated`, `exclusions` and `requirements` for [`Analysis`]; the first construct (in
    /// source order) that no regex can express if there is one.
    fn translate(&self, verify: bool) -> Result<(String, Vec<String>, Vec<String>), Unsupported> {
        let (mut exclusions, mut requirements) = (Vec::new(), Vec::new());
        for (look, negated) in &self.looks {
            let translated = translate(look, verify)?;
            if *negated {
                exclusions.push(translated);
            } else {
                requirements.push(translated);
            }
        }
        Ok((translate(&self.rest, verify)?, exclusions, requirements))
    }
}

fn split_leading_lookaheads(ast: &Node) -> Option<LeadingLookaheads> {
    let Node::Concat(nodes) = ast else {
        return None;
    };
    // Only the `m` modifier makes `^` a line start, and that needs a group around it.
    let start @ Node::Start {
        multiline: false, ..
    } = nodes.first()?
    else {
        return None;
    };
    let anchored = |body: &Node| {
        let group = Node::Group {
            capture: Capture::No,
            body: Box::new(body.clone()),
        };
        Node::Concat(vec![start.clone(), group])
    };
    let mut looks = Vec::new();
    let mut taken = 1;
    for node in &nodes[1..] {
        match node {
            Node::Look {
                behind: false,
                negated,
                body,
                ..
            } => looks.push((anchored(body), *negated)),
            // Another `^` among the lookaheads holds at the start as well.
            Node::Start {
                multiline: false, ..
            } => {}
            _ => break,
        }
        taken += 1;
    }
    if looks.is_empty() {
        return None;
    }
    let mut rest = vec![start.clone()];
    rest.extend(nodes[taken..].iter().cloned());
    Some(LeadingLookaheads {
        rest: Node::Concat(rest),
        looks,
    })
}

/// `regex` syntax for the tree; with `verify`, only if it compiles (or why not).
fn translate(ast: &Node, verify: bool) -> Result<String, Unsupported> {
    let translated = to_regex_syntax(ast)?;
    if !verify {
        return Ok(translated);
    }
    // Proving it compiles here, with the generated crates' builder, turns a late surprise in
    // every generated client into a diagnostic at generation time (size limits, Unicode tables
    // older than ECMA's).
    match compile(&translated) {
        Ok(_) => Ok(translated),
        Err(error) => {
            let mut properties = Vec::new();
            collect_properties(ast, &mut properties);
            for (offset, name, regex_name) in properties {
                if regex::Regex::new(&format!("\\p{{{regex_name}}}")).is_err() {
                    return Err(Unsupported::UnicodeProperty { offset, name });
                }
            }
            Err(Unsupported::Rejected {
                message: summarize(&error),
            })
        }
    }
}

fn summarize(error: &regex::Error) -> String {
    match error {
        regex::Error::CompiledTooBig(limit) => {
            format!("the compiled program would exceed the size limit of {limit} bytes")
        }
        // Syntax errors repeat the pattern with a caret; the last line is the reason.
        other => other
            .to_string()
            .lines()
            .rev()
            .map(str::trim)
            .find(|line| !line.is_empty())
            .map(|line| line.trim_start_matches("error: ").to_owned())
            .unwrap_or_default(),
    }
}

fn collect_properties(node: &Node, out: &mut Vec<(usize, String, String)>) {
    match node {
        Node::Property {
            prop, offset, name, ..
        } => out.extend(prop.regex_name().map(|r| (*offset, name.clone(), r))),
        Node::Class { items, .. } => {
            for item in items {
                if let ClassItem::Property {
                    prop, offset, name, ..
                } = item
                {
                    out.extend(prop.regex_name().map(|r| (*offset, name.clone(), r)));
                }
            }
        }
        Node::Look { body, .. }
        | Node::Group { body, .. }
        | Node::Modifiers { body, .. }
        | Node::Repeat { body, .. } => collect_properties(body, out),
        Node::Concat(nodes) | Node::Alt(nodes) => {
            for node in nodes {
                collect_properties(node, out);
            }
        }
        _ => {}
    }
}

/// `regex` syntax for the tree, before the proof that it compiles.
fn to_regex_syntax(ast: &Node) -> Result<String, Unsupported> {
    let mut emitter = Emitter {
        out: String::new(),
        group_names: HashSet::new(),
    };
    emitter.node(ast)?;
    if can_be_empty(ast) && has_non_boundary(ast) {
        // `(?-u:\B)` holds between the bytes of one character, and `regex` 1.13's `is_match`
        // (unlike `find`) misses real matches when an empty one there is rejected: `\B|b` on
        // "a👍b" says no. Anchoring the search and stepping whole characters keeps every
        // position `\B` sees on a character boundary, as ECMA's are.
        return Ok(format!("^(?s:.)*?(?:{})", emitter.out));
    }
    Ok(emitter.out)
}

/// Whether the tree matches the empty string if all its assertions hold.
fn can_be_empty(node: &Node) -> bool {
    match node {
        Node::Lit { .. }
        | Node::Dot { .. }
        | Node::Shorthand { .. }
        | Node::Property { .. }
        | Node::Class { .. } => false,
        Node::Group { body, .. } | Node::Modifiers { body, .. } => can_be_empty(body),
        Node::Repeat { body, min, .. } => *min == 0 || can_be_empty(body),
        Node::Concat(nodes) => nodes.iter().all(can_be_empty),
        Node::Alt(nodes) => nodes.iter().any(can_be_empty),
        _ => true,
    }
}

fn has_non_boundary(node: &Node) -> bool {
    match node {
        Node::WordBoundary { negated } => *negated,
        Node::Look { body, .. }
        | Node::Group { body, .. }
        | Node::Modifiers { body, .. }
        | Node::Repeat { body, .. } => has_non_boundary(body),
        Node::Concat(nodes) | Node::Alt(nodes) => nodes.iter().any(has_non_boundary),
        _ => false,
    }
}

struct Emitter {
    out: String,
    /// `regex` rejects a repeated group name, which ECMA allows in different alternatives.
    group_names: HashSet<String>,
}

impl Emitter {
    fn node(&mut self, node: &Node) -> Result<(), Unsupported> {
        match node {
            Node::Empty => {}
            Node::Lit { lit, .. } => {
                if char::from_u32(lit.c).is_some() {
                    push_lit(&mut self.out, *lit, false);
                } else {
                    self.out.push_str(NOTHING);
                }
            }
            Node::Dot { dot_all, .. } => self.out.push_str(if *dot_all { ANY_CHAR } else { DOT }),
            Node::Shorthand { sh, .. } => {
                self.out.push_str(if sh.negated { "[^" } else { "[" });
                self.out.push_str(sh.kind.class_body());
                self.out.push(']');
            }
            Node::Property { prop, negated, .. } => match prop.regex_name() {
                Some(name) => {
                    let p = if *negated { 'P' } else { 'p' };
                    let _ = write!(self.out, "\\{p}{{{name}}}");
                }
                None => self.out.push_str(if *negated { ANY_CHAR } else { NOTHING }),
            },
            Node::Class { negated, items, .. } => push_class(&mut self.out, *negated, items),
            // Without `m`, `regex`'s `^` and `$` are start and end of text only; unlike Perl's
            // `$`, its `$` does not also match before a final `\n`, which is ECMA's meaning.
            Node::Start {
                multiline: false, ..
            } => self.out.push('^'),
            Node::End {
                multiline: false, ..
            } => self.out.push('$'),
            Node::Start { offset, .. } | Node::End { offset, .. } => {
                return Err(Unsupported::Multiline { offset: *offset });
            }
            // ECMA word characters are ASCII. `regex` accepts an ASCII boundary in a Unicode
            // regex and never reports a match that splits a UTF-8 sequence, so `(?-u:\B)` cannot
            // fire inside a multi-byte character either.
            Node::WordBoundary { negated } => {
                self.out
                    .push_str(if *negated { "(?-u:\\B)" } else { "(?-u:\\b)" })
            }
            Node::Look { offset, .. } => return Err(Unsupported::Lookaround { offset: *offset }),
            Node::Backref { offset } => {
                return Err(Unsupported::Backreference { offset: *offset });
            }
            Node::Group { capture, body } => {
                match capture {
                    Capture::No => self.out.push_str("(?:"),
                    Capture::Named(name)
                        if is_plain_identifier(name) && self.group_names.insert(name.clone()) =>
                    {
                        let _ = write!(self.out, "(?<{name}>");
                    }
                    Capture::Named(_) | Capture::Unnamed => self.out.push('('),
                }
                self.node(body)?;
                self.out.push(')');
            }
            Node::Modifiers {
                icase,
                offset,
                body,
            } => {
                if *icase {
                    return Err(Unsupported::CaseInsensitive { offset: *offset });
                }
                self.out.push_str("(?:");
                self.node(body)?;
                self.out.push(')');
            }
            Node::Concat(nodes) => {
                for node in nodes {
                    self.node(node)?;
                }
            }
            Node::Alt(nodes) => {
                for (i, node) in nodes.iter().enumerate() {
                    if i > 0 {
                        self.out.push('|');
                    }
                    self.node(node)?;
                }
            }
            // The parser only quantifies atoms, and every atom prints as one `regex` atom.
            Node::Repeat {
                body,
                min,
                max,
                lazy,
            } => {
                self.node(body)?;
                let _ = match (*min, *max) {
                    (0, None) => write!(self.out, "*"),
                    (1, None) => write!(self.out, "+"),
                    (0, Some(1)) => write!(self.out, "?"),
                    (min, None) => write!(self.out, "{{{min},}}"),
                    (min, Some(max)) if min == max => write!(self.out, "{{{min}}}"),
                    (min, Some(max)) => write!(self.out, "{{{min},{max}}}"),
                };
                if *lazy {
                    self.out.push('?');
                }
            }
        }
        Ok(())
    }
}

fn is_plain_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_surrogate(c: u32) -> bool {
    (0xD800..=0xDFFF).contains(&c)
}

fn push_class(out: &mut String, negated: bool, items: &[ClassItem]) {
    let mut body = String::new();
    for item in items {
        match item {
            ClassItem::Lit(lit) => {
                if !is_surrogate(lit.c) {
                    push_lit(&mut body, *lit, true);
                }
            }
            ClassItem::Range(low, high) => {
                // `regex` ranges are over scalar values, so the surrogate block is cut out.
                let pieces = [(low.c, high.c.min(0xD7FF)), (low.c.max(0xE000), high.c)];
                for (a, b) in pieces {
                    if a > b {
                        continue;
                    }
                    let escaped = |c: u32, original: Lit| c != original.c || original.escaped;
                    push_lit(
                        &mut body,
                        Lit {
                            c: a,
                            escaped: escaped(a, *low),
                        },
                        true,
                    );
                    if b != a {
                        body.push('-');
                        push_lit(
                            &mut body,
                            Lit {
                                c: b,
                                escaped: escaped(b, *high),
                            },
                            true,
                        );
                    }
                }
            }
            ClassItem::Shorthand(sh) if sh.negated => {
                // `regex` classes nest as unions, which is exactly ECMA's `[\D]` inside a class.
                body.push_str("[^");
                body.push_str(sh.kind.class_body());
                body.push(']');
            }
            ClassItem::Shorthand(sh) => body.push_str(sh.kind.class_body()),
            ClassItem::Property { prop, negated, .. } => match prop.regex_name() {
                Some(name) => {
                    let p = if *negated { 'P' } else { 'p' };
                    let _ = write!(body, "\\{p}{{{name}}}");
                }
                None if *negated => body.push_str(ALL_CODE_POINTS),
                None => {}
            },
        }
    }
    if body.is_empty() {
        // `[]` matches nothing and `[^]` anything; `regex` has no syntax for either.
        out.push_str(if negated { ANY_CHAR } else { NOTHING });
    } else {
        out.push('[');
        if negated {
            out.push('^');
        }
        out.push_str(&body);
        out.push(']');
    }
}

/// One code point (never a surrogate) as `regex` reads it literally, inside a class or not.
fn push_lit(out: &mut String, lit: Lit, in_class: bool) {
    let Some(c) = char::from_u32(lit.c) else {
        return;
    };
    let special: &str = if in_class {
        // `&&`, `--` and `~~` are set operations and `[` nests in `regex` classes.
        "\\[]^-&~"
    } else {
        "\\.+*?()|[]{}^$"
    };
    match c {
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\u{0B}' => out.push_str("\\v"),
        '\u{0C}' => out.push_str("\\f"),
        c if c.is_ascii_control() => {
            let _ = write!(out, "\\x{:02X}", u32::from(c));
        }
        c if c.is_ascii() => {
            if special.contains(c) {
                out.push('\\');
            }
            out.push(c);
        }
        c if !lit.escaped && is_visible(c) => out.push(c),
        c if u32::from(c) <= 0xFFFF => {
            let _ = write!(out, "\\u{:04X}", u32::from(c));
        }
        c => {
            let _ = write!(out, "\\u{{{:X}}}", u32::from(c));
        }
    }
}

/// Characters a reader can see; the rest are printed as escapes so the output stays legible.
fn is_visible(c: char) -> bool {
    let invisible_ranges = [
        (0x00AD, 0x00AD),
        (0x034F, 0x034F),
        (0x061C, 0x061C),
        (0x180B, 0x180F),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x206F),
        (0xE000, 0xF8FF),
        (0xFE00, 0xFE0F),
        (0xFEFF, 0xFEFF),
        (0xFFF0, 0xFFFF),
        (0xE0000, 0x10_FFFF),
    ];
    let code = u32::from(c);
    !c.is_whitespace()
        && !c.is_control()
        && !invisible_ranges
            .iter()
            .any(|&(low, high)| (low..=high).contains(&code))
}

// ---------------------------------------------------------------------------------------------
// Model-bug warnings
// ---------------------------------------------------------------------------------------------

fn double_escape_warning(chars: &[char], parsed: &Parsed) -> Option<PatternWarning> {
    if !parsed.looks_double_escaped {
        return None;
    }
    // A pattern escaped once too often is escaped too often throughout (Connect writes
    // `[\\p{L}\\-_]` for `[\p{L}\-_]`), so every `\\` loses a backslash, not just the telling ones.
    let offsets = &parsed.escaped_backslashes;
    let offset = *offsets.first()?;
    let suggestion: String = chars
        .iter()
        .enumerate()
        .filter(|(i, _)| offsets.binary_search(i).is_err())
        .map(|(_, c)| c)
        .collect();
    // Only suggest what is itself a valid pattern.
    let suggestion_chars: Vec<char> = suggestion.chars().collect();
    parse(&suggestion_chars).ok()?;
    Some(PatternWarning::DoubleEscaped { offset, suggestion })
}

// Where a match attempt can be, abstracted to four situations; a set of them is a bit mask.
/// At the start of the input, which may or may not go on.
const AT_START: u8 = 1;
/// Past the start, the input may or may not go on.
const INSIDE: u8 = 2;
/// At the start of an input that `$` has required to be empty.
const AT_START_AND_END: u8 = 4;
/// Past the start, at the end that `$` has required.
const AT_END: u8 = 8;

/// Why the pattern can match no string, or `None` if it may match one. This over-approximates
/// what can match (lookarounds, `\b` and backreferences are assumed to succeed), so it never
/// calls a matchable pattern unmatchable.
fn unmatchable_reason(ast: &Node) -> Option<String> {
    let mut reach = Reach {
        memo: HashMap::new(),
    };
    // A search may start anywhere.
    let (states, reason) = reach.eval(ast, AT_START | INSIDE);
    (states == 0).then(|| reason.unwrap_or_else(|| "no path through it can succeed".to_owned()))
}

struct Reach {
    /// Keyed by node address: quantifiers re-run their body, and nesting would otherwise make
    /// that exponential.
    memo: HashMap<(usize, u8), (u8, Option<String>)>,
}

impl Reach {
    /// The states after `node` from `states`, and when none remain, why.
    fn eval(&mut self, node: &Node, states: u8) -> (u8, Option<String>) {
        if states == 0 {
            return (0, None);
        }
        let key = (std::ptr::from_ref(node) as usize, states);
        if let Some(hit) = self.memo.get(&key) {
            return hit.clone();
        }
        let result = self.eval_uncached(node, states);
        self.memo.insert(key, result.clone());
        result
    }

    fn eval_uncached(&mut self, node: &Node, states: u8) -> (u8, Option<String>) {
        match node {
            Node::Empty
            | Node::WordBoundary { .. }
            | Node::Look { .. }
            | Node::Start {
                multiline: true, ..
            }
            | Node::End {
                multiline: true, ..
            } => (states, None),
            Node::Lit { offset, .. }
            | Node::Dot { offset, .. }
            | Node::Shorthand { offset, .. }
            | Node::Property { offset, .. } => consume(states, *offset),
            Node::Class {
                negated,
                items,
                offset,
            } => {
                if class_is_empty(*negated, items) {
                    let reason = format!("the class at offset {offset} matches no character");
                    (0, Some(reason))
                } else {
                    consume(states, *offset)
                }
            }
            Node::Start { offset, .. } => {
                let after = states & (AT_START | AT_START_AND_END);
                let reason = (after == 0).then(|| {
                    format!(
                        "`^` at offset {offset} only matches at the start of the input, \
                         but a character is always matched before it"
                    )
                });
                (after, reason)
            }
            Node::End { .. } => {
                let mut after = 0;
                if states & (AT_START | AT_START_AND_END) != 0 {
                    after |= AT_START_AND_END;
                }
                if states & (INSIDE | AT_END) != 0 {
                    after |= AT_END;
                }
                (after, None)
            }
            Node::Backref { .. } => (states | consume(states, 0).0, None),
            Node::Group { body, .. } | Node::Modifiers { body, .. } => self.eval(body, states),
            Node::Concat(nodes) => {
                let mut current = states;
                for node in nodes {
                    let (next, reason) = self.eval(node, current);
                    if next == 0 {
                        return (0, reason);
                    }
                    current = next;
                }
                (current, None)
            }
            Node::Alt(nodes) => {
                let mut union = 0;
                let mut first_reason = None;
                for node in nodes {
                    let (next, reason) = self.eval(node, states);
                    union |= next;
                    first_reason = first_reason.or(reason);
                }
                (union, if union == 0 { first_reason } else { None })
            }
            Node::Repeat { body, min, max, .. } => self.repeat(body, states, *min, *max),
        }
    }

    fn repeat(
        &mut self,
        body: &Node,
        states: u8,
        min: u64,
        max: Option<u64>,
    ) -> (u8, Option<String>) {
        // The mandatory iterations: a state set has 16 values, so the sequence of sets cycles
        // within 17 steps and a count in the millions needs no millions of steps.
        let mut seen = vec![states];
        let mut current = states;
        let mut done: u64 = 0;
        while done < min {
            let (next, reason) = self.eval(body, current);
            if next == 0 {
                return (0, reason);
            }
            done += 1;
            if let Some(j) = seen.iter().position(|&s| s == next) {
                let period = seen.len() as u64 - j as u64;
                let index = j as u64 + (min - j as u64) % period;
                current = usize::try_from(index)
                    .ok()
                    .and_then(|i| seen.get(i).copied())
                    .unwrap_or(next);
                break;
            }
            seen.push(next);
            current = next;
        }
        // The optional iterations: any number of them, so take the least fixed point.
        if max.is_none_or(|max| max > min) {
            loop {
                let (next, _) = self.eval(body, current);
                let widened = current | next;
                if widened == current {
                    break;
                }
                current = widened;
            }
        }
        (current, None)
    }
}

fn consume(states: u8, offset: usize) -> (u8, Option<String>) {
    if states & (AT_START | INSIDE) != 0 {
        (INSIDE, None)
    } else {
        let reason = format!(
            "`$` requires the end of the input, yet a character must still be matched at offset {offset}"
        );
        (0, Some(reason))
    }
}

/// Whether a class matches no code point at all. Conservative: property escapes are assumed
/// to leave something over.
fn class_is_empty(negated: bool, items: &[ClassItem]) -> bool {
    if !negated {
        return items.is_empty();
    }
    let mut covered: Vec<(u32, u32)> = Vec::new();
    for item in items {
        match item {
            ClassItem::Lit(lit) => covered.push((lit.c, lit.c)),
            ClassItem::Range(low, high) => covered.push((low.c, high.c)),
            ClassItem::Shorthand(sh) => {
                let set = sh.kind.intervals();
                if sh.negated {
                    covered.extend(complement(set));
                } else {
                    covered.extend_from_slice(set);
                }
            }
            ClassItem::Property { .. } => return false,
        }
    }
    covered.sort_unstable();
    let mut next_uncovered: u32 = 0;
    for (low, high) in covered {
        if low > next_uncovered {
            return false;
        }
        next_uncovered = next_uncovered.max(high.saturating_add(1));
    }
    next_uncovered > 0x10_FFFF
}

fn complement(set: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut next: u32 = 0;
    for &(low, high) in set {
        if low > next {
            out.push((next, low - 1));
        }
        next = high + 1;
    }
    if next <= 0x10_FFFF {
        out.push((next, 0x10_FFFF));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// ECMA-262 Unicode property names (exact spelling; ECMA does no loose matching). Each row lists
// the aliases of one value, canonical first: the short General_Category alias, the long script
// and binary property names. Taken from the tables of ECMA-262 (2025) and Unicode 17.
// ---------------------------------------------------------------------------------------------

const GENERAL_CATEGORIES: &str = "\
Pe Close_Punctuation|Pc Connector_Punctuation|Cc cntrl Control|Sc Currency_Symbol|\
Pd Dash_Punctuation|Nd digit Decimal_Number|Me Enclosing_Mark|Pf Final_Punctuation|Cf Format|\
Pi Initial_Punctuation|Nl Letter_Number|Zl Line_Separator|Ll Lowercase_Letter|Sm Math_Symbol|\
Lm Modifier_Letter|Sk Modifier_Symbol|Mn Nonspacing_Mark|Ps Open_Punctuation|Lo Other_Letter|\
No Other_Number|Po Other_Punctuation|So Other_Symbol|Zp Paragraph_Separator|Co Private_Use|\
Zs Space_Separator|Mc Spacing_Mark|Cs Surrogate|Lt Titlecase_Letter|Cn Unassigned|\
Lu Uppercase_Letter|LC Cased_Letter|C Other|L Letter|M Combining_Mark Mark|N Number|\
P punct Punctuation|S Symbol|Z Separator";
const BINARY_PROPERTIES: &str = "\
Alphabetic Alpha|Case_Ignorable CI|Cased|Changes_When_Casefolded CWCF|\
Changes_When_Casemapped CWCM|Changes_When_Lowercased CWL|Changes_When_Titlecased CWT|\
Changes_When_Uppercased CWU|Default_Ignorable_Code_Point DI|Grapheme_Base Gr_Base|\
Grapheme_Extend Gr_Ext|ID_Continue IDC|ID_Start IDS|Math|XID_Continue XIDC|XID_Start XIDS|\
ASCII_Hex_Digit AHex|Bidi_Control Bidi_C|Dash|Deprecated Dep|Diacritic Dia|Extender Ext|\
Hex_Digit Hex|IDS_Binary_Operator IDSB|IDS_Trinary_Operator IDST|Ideographic Ideo|\
Join_Control Join_C|Logical_Order_Exception LOE|Lowercase Lower|Noncharacter_Code_Point NChar|\
Pattern_Syntax Pat_Syn|Pattern_White_Space Pat_WS|Quotation_Mark QMark|Radical|\
Regional_Indicator RI|Sentence_Terminal STerm|Soft_Dotted SD|Terminal_Punctuation Term|\
Unified_Ideograph UIdeo|Uppercase Upper|Variation_Selector VS|White_Space space|Emoji|\
Emoji_Component EComp|Emoji_Modifier EMod|Emoji_Modifier_Base EBase|Emoji_Presentation EPres|\
Extended_Pictographic ExtPict|Changes_When_NFKC_Casefolded CWKCF|Bidi_Mirrored Bidi_M|ASCII|Any|\
Assigned";
const SCRIPTS: &str = "\
Adlam Adlm|Caucasian_Albanian Aghb|Ahom|Arabic Arab|Imperial_Aramaic Armi|Armenian Armn|\
Avestan Avst|Balinese Bali|Bamum Bamu|Bassa_Vah Bass|Batak Batk|Bengali Beng|Beria_Erfe Berf|\
Bhaiksuki Bhks|Bopomofo Bopo|Brahmi Brah|Braille Brai|Buginese Bugi|Buhid Buhd|Chakma Cakm|\
Canadian_Aboriginal Cans|Carian Cari|Cham|Cherokee Cher|Chorasmian Chrs|Coptic Copt Qaac|\
Cypro_Minoan Cpmn|Cypriot Cprt|Cyrillic Cyrl|Devanagari Deva|Dives_Akuru Diak|Dogra Dogr|\
Deseret Dsrt|Duployan Dupl|Egyptian_Hieroglyphs Egyp|Elbasan Elba|Elymaic Elym|Ethiopic Ethi|\
Garay Gara|Georgian Geor|Glagolitic Glag|Gunjala_Gondi Gong|Masaram_Gondi Gonm|Gothic Goth|\
Grantha Gran|Greek Grek|Gujarati Gujr|Gurung_Khema Gukh|Gurmukhi Guru|Hangul Hang|Han Hani|\
Hanunoo Hano|Hatran Hatr|Hebrew Hebr|Hiragana Hira|Anatolian_Hieroglyphs Hluw|Pahawh_Hmong Hmng|\
Nyiakeng_Puachue_Hmong Hmnp|Old_Hungarian Hung|Old_Italic Ital|Javanese Java|Kayah_Li Kali|\
Katakana Kana|Kawi|Kharoshthi Khar|Khmer Khmr|Khojki Khoj|Khitan_Small_Script Kits|Kannada Knda|\
Kirat_Rai Krai|Kaithi Kthi|Tai_Tham Lana|Lao Laoo|Latin Latn|Lepcha Lepc|Limbu Limb|\
Linear_A Lina|Linear_B Linb|Lisu|Lycian Lyci|Lydian Lydi|Mahajani Mahj|Makasar Maka|\
Mandaic Mand|Manichaean Mani|Marchen Marc|Medefaidrin Medf|Mende_Kikakui Mend|\
Meroitic_Cursive Merc|Meroitic_Hieroglyphs Mero|Malayalam Mlym|Modi|Mongolian Mong|Mro Mroo|\
Meetei_Mayek Mtei|Multani Mult|Myanmar Mymr|Nag_Mundari Nagm|Nandinagari Nand|\
Old_North_Arabian Narb|Nabataean Nbat|Newa|Nko Nkoo|Nushu Nshu|Ogham Ogam|Ol_Chiki Olck|\
Ol_Onal Onao|Old_Turkic Orkh|Oriya Orya|Osage Osge|Osmanya Osma|Old_Uyghur Ougr|Palmyrene Palm|\
Pau_Cin_Hau Pauc|Old_Permic Perm|Phags_Pa Phag|Inscriptional_Pahlavi Phli|Psalter_Pahlavi Phlp|\
Phoenician Phnx|Miao Plrd|Inscriptional_Parthian Prti|Rejang Rjng|Hanifi_Rohingya Rohg|\
Runic Runr|Samaritan Samr|Old_South_Arabian Sarb|Saurashtra Saur|SignWriting Sgnw|Shavian Shaw|\
Sharada Shrd|Siddham Sidd|Sidetic Sidt|Khudawadi Sind|Sinhala Sinh|Sogdian Sogd|\
Old_Sogdian Sogo|Sora_Sompeng Sora|Soyombo Soyo|Sundanese Sund|Sunuwar Sunu|Syloti_Nagri Sylo|\
Syriac Syrc|Tagbanwa Tagb|Takri Takr|Tai_Le Tale|New_Tai_Lue Talu|Tamil Taml|Tangut Tang|\
Tai_Viet Tavt|Tai_Yo Tayo|Telugu Telu|Tifinagh Tfng|Tagalog Tglg|Thaana Thaa|Thai|Tibetan Tibt|\
Tirhuta Tirh|Tangsa Tnsa|Todhri Todr|Tolong_Siki Tols|Toto|Tulu_Tigalari Tutg|Ugaritic Ugar|\
Vai Vaii|Vithkuqi Vith|Warang_Citi Wara|Wancho Wcho|Old_Persian Xpeo|Cuneiform Xsux|Yezidi Yezi|\
Yi Yiii|Zanabazar_Square Zanb|Inherited Zinh Qaai|Common Zyyy|Unknown Zzzz";

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const CONNECT_MODEL: &str = "../../shared/models/connect-2017-08-08.json";
    const VALIDATION_MODEL: &str =
        "../../shared/protocol-tests/aws.protocoltests.restjson.validation.json";
    const PHONE_NUMBER: &str = r"^\\+[1-9]\\d{1,14}$";

    fn analysis(pattern: &str) -> Analysis {
        analyze(pattern).unwrap_or_else(|e| panic!("{pattern:?} should parse: {e}"))
    }

    fn translated(pattern: &str) -> String {
        analysis(pattern)
            .translated
            .unwrap_or_else(|e| panic!("{pattern:?} should translate: {e}"))
    }

    fn parsed(pattern: &str) -> Parsed {
        let chars: Vec<char> = pattern.chars().collect();
        parse(&chars).unwrap_or_else(|e| panic!("{pattern:?} should parse: {e}"))
    }

    #[test]
    fn shorthands_dot_and_boundaries_get_their_ecma_sets() {
        let space = r"\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF";
        let cases = [
            (r"^\d{4}-\d{2}$", r"^[0-9]{4}-[0-9]{2}$".to_owned()),
            (r"\D\w\W", r"[^0-9][A-Za-z0-9_][^A-Za-z0-9_]".to_owned()),
            (r"\s", format!("[{space}]")),
            (r"\S+", format!("[^{space}]+")),
            (r"a.b", r"a[^\n\r\u2028\u2029]b".to_owned()),
            (r"\bword\B", r"(?-u:\b)word(?-u:\B)".to_owned()),
            (r"[\d\w]", r"[0-9A-Za-z0-9_]".to_owned()),
            (r"[^\D]", r"[^[^0-9]]".to_owned()),
            (r"[\S_]", format!("[[^{space}]_]")),
            (r"(?s:.)x", r"(?:(?s:.))x".to_owned()),
        ];
        for (pattern, expected) in cases {
            assert_eq!(translated(pattern), expected, "{pattern}");
        }
    }

    #[test]
    fn literals_special_only_to_regex_are_escaped() {
        let cases = [
            ("[&&]", r"[\&\&]"),
            ("[a-z--]", r"[a-z\-\-]"),
            ("[~~]", r"[\~\~]"),
            ("[[]", r"[\[]"),
            ("[a^]", r"[a\^]"),
            (r"[\]\\]", r"[\]\\]"),
            ("a#b c", "a#b c"),
            ("a&&b~~c--d", "a&&b~~c--d"),
            (
                r"\/\.\*\(\)\[\]\{\}\|\^\$\?\+",
                r"/\.\*\(\)\[\]\{\}\|\^\$\?\+",
            ),
            // Annex B literals: a `{` that starts no quantifier, lone `}` and `]`, `\-`.
            ("a{,5}", r"a\{,5\}"),
            ("a{1", r"a\{1"),
            ("x]y}", r"x\]y\}"),
            (r"a\-b", "a-b"),
            (r"[\w-.]", r"[A-Za-z0-9_\-.]"),
        ];
        for (pattern, expected) in cases {
            assert_eq!(translated(pattern), expected, "{pattern}");
        }
    }

    #[test]
    fn escapes_become_code_points() {
        let cases = [
            (r"\u00e9", r"\u00E9"),
            ("é", "é"),
            (r"\u{1F44D}", r"\u{1F44D}"),
            (r"\uD83D\uDC4D", r"\u{1F44D}"),
            ("👍", "👍"),
            (r"\x41\x2e", r"A\."),
            (r"\0\cJ\cj\t\v\f", r"\x00\n\n\t\v\f"),
            (r"[\b]", r"[\x08]"),
            ("\u{a0}", r"\u00A0"),
            // Non-u: octal and identity escapes.
            (r"\101\8", "A8"),
            (r"\c1", r"\\c1"),
            (r"[\c1]", r"[\x11]"),
            // Lone surrogates cannot occur in a Rust string.
            (r"\uD800", r"\P{Any}"),
            (r"[\uD800-\uDFFF]", r"\P{Any}"),
            (r"[^\uD800-\uDFFF]", "(?s:.)"),
            (r"[\u0000-\uFFFF]", r"[\x00-\uD7FF\uE000-\uFFFF]"),
            ("[]", r"\P{Any}"),
            ("[^]", "(?s:.)"),
        ];
        for (pattern, expected) in cases {
            assert_eq!(translated(pattern), expected, "{pattern}");
        }
    }

    #[test]
    fn properties_groups_and_quantifiers() {
        let cases = [
            (r"\p{L}\p{Lu}\P{C}", r"\p{L}\p{Lu}\P{C}"),
            (r"\p{Letter}\p{gc=Nd}\p{digit}", r"\p{L}\p{Nd}\p{Nd}"),
            (r"\p{Script=Latin}\p{sc=Grek}", r"\p{sc=Latin}\p{sc=Greek}"),
            (
                r"\p{scx=Hira}\p{Alpha}\p{Any}",
                r"\p{scx=Hiragana}\p{Alphabetic}\p{Any}",
            ),
            (r"[\p{L}\p{N}_-]", r"[\p{L}\p{N}_\-]"),
            (r"\p{Cs}|\P{Cs}", r"\P{Any}|(?s:.)"),
            (
                r"(?<year>\d{4})-(?<m>\d\d)",
                r"(?<year>[0-9]{4})-(?<m>[0-9][0-9])",
            ),
            ("(?<x>a)|(?<x>b)", "(?<x>a)|(b)"),
            ("(?:a|b)(c)|", "(?:a|b)(c)|"),
            ("()", "()"),
            ("a{0,}b{1,}c{0,1}d{2}e{2,}f{2,5}", "a*b+c?d{2}e{2,}f{2,5}"),
            ("a*?b+?c??d{2,}?", "a*?b+?c??d{2,}?"),
            ("^([0-9]+)+$", "^([0-9]+)+$"),
        ];
        for (pattern, expected) in cases {
            assert_eq!(translated(pattern), expected, "{pattern}");
        }
    }

    #[test]
    fn anchors_keep_ecma_meaning_in_regex() {
        // ECMA `$` has no trailing-newline exception and `^` no leading one; `regex` agrees.
        let re = regex::Regex::new(&translated("^a$")).unwrap();
        assert!(re.is_match("a"));
        assert!(!re.is_match("a\n"));
        assert!(!re.is_match("\na"));
        // ASCII word boundaries, even next to non-ASCII letters.
        let re = regex::Regex::new(&translated(r"\bé")).unwrap();
        assert!(!re.is_match("é"));
        assert_eq!(translated(r"\B"), r"^(?s:.)*?(?:(?-u:\B))");
        let re = regex::Regex::new(&translated(r"\B")).unwrap();
        assert!(
            !re.is_match("aéb"),
            "no boundary inside a multi-byte character"
        );
        assert!(re.is_match("é"));
        let re = regex::Regex::new(&translated(r"\B|b")).unwrap();
        assert!(re.is_match("a👍b"));
    }

    #[test]
    fn invalid_patterns_report_where() {
        let cases = [
            ("(ab", 0),
            ("ab)", 2),
            ("a{2,1}", 1),
            ("[z-a]", 1),
            ("*a", 0),
            ("a**", 2),
            ("a{1}{2}", 4),
            ("a\\", 1),
            ("^*", 1),
            (r"\b+", 2),
            ("(?<=a)*", 6),
            ("(?<a>x)(?<a>y)", 7),
            (r"\k<b>(?<a>x)", 0),
            ("(?<a", 0),
            (r"(?<y>\d{4})-\k", 12),
            ("(?<1a>x)", 0),
            ("(?i", 0),
            ("(?x:a)", 0),
            ("(?i-i:a)", 0),
            ("[a", 0),
            ("x{99999999999999999999999,1}", 1),
        ];
        for (pattern, offset) in cases {
            match analyze(pattern) {
                Err(e) => {
                    assert_eq!(validate_syntax(pattern), Err(e.clone()), "{pattern}");
                    assert_eq!(e.offset, offset, "{pattern}: {e}");
                    assert!(!e.message.is_empty());
                    assert!(e.to_string().contains(&e.message));
                }
                Ok(a) => panic!("{pattern:?} should be invalid, got {a:?}"),
            }
        }
        let deep = format!("{}a{}", "(".repeat(300), ")".repeat(300));
        assert!(analyze(&deep).is_err());
        assert!(validate_syntax(&deep).is_err());
        let deep = format!("{}a{}", "(".repeat(200), ")".repeat(200));
        assert!(analyze(&deep).is_ok());
        assert!(validate_syntax(&deep).is_ok());
        // Valid syntax is all it checks: an untranslatable pattern passes.
        assert_eq!(validate_syntax(r"(a)\1"), Ok(()));
    }

    #[test]
    fn u_mode_is_tried_first() {
        assert!(parsed(r"\p{L}").unicode);
        assert!(parsed(r"\u{41}").unicode);
        // Under `u`, `\p{Foo}` is an error; without it, it is the text `p{Foo}`.
        assert!(!parsed(r"\p{Foo}").unicode);
        assert_eq!(translated(r"\p{Foo}"), r"p\{Foo\}");
        assert!(!parsed(r"[\w-.]").unicode);
        assert!(!parsed(r"\_").unicode);
    }

    #[test]
    fn unsupported_constructs_are_named() {
        let cases = [
            ("(?=a)", Unsupported::Lookaround { offset: 0 }),
            ("a(?<!b)", Unsupported::Lookaround { offset: 1 }),
            (r"(a)\1", Unsupported::Backreference { offset: 3 }),
            (r"(?<n>a)\k<n>", Unsupported::Backreference { offset: 7 }),
            ("(?i:a)", Unsupported::CaseInsensitive { offset: 0 }),
            ("(?m:^)", Unsupported::Multiline { offset: 4 }),
            (
                r"x\p{sc=Tai_Yo}",
                Unsupported::UnicodeProperty {
                    offset: 1,
                    name: "sc=Tai_Yo".to_owned(),
                },
            ),
            (
                r"[\p{CWKCF}]",
                Unsupported::UnicodeProperty {
                    offset: 1,
                    name: "CWKCF".to_owned(),
                },
            ),
        ];
        for (pattern, expected) in cases {
            assert_eq!(analysis(pattern).translated, Err(expected), "{pattern}");
        }
        // Modifiers that only turn things off, or turn on `s`, translate.
        assert_eq!(translated("(?-i:a)"), "(?:a)");
        assert_eq!(translated("(?m-s:a)"), "(?:a)");
        match analysis("a{4294967296}").translated {
            Err(Unsupported::Rejected { message }) => assert!(!message.is_empty()),
            other => panic!("{other:?}"),
        }
        match analysis(r"(?:\w{1000}){1000}").translated {
            Err(Unsupported::Rejected { message }) => assert!(message.contains("size limit")),
            other => panic!("{other:?}"),
        }
        // Over `regex`'s default size limit, within the generated crates' one.
        let long = translated(r"^[\P{C}\r\n\t]{1,1000}$");
        assert!(regex::Regex::new(&long).is_err());
        assert!(compile(&long).is_ok());
        assert!(
            Unsupported::Lookaround { offset: 3 }
                .to_string()
                .contains("offset 3")
        );
    }

    #[test]
    fn unverified_analysis_is_the_analysis_when_expressions_compile() {
        let mut patterns: Vec<&str> = TRICKY.iter().chain(LOOKAHEADS).copied().collect();
        patterns.extend([r"(?:\w{1000}){1000}", r"^(?!a)(?:\w{1000}){1000}", r"^(?=x)\p{L}+$", "(?=a)b"]);
        for pattern in patterns {
            let (Ok(unverified), Ok(verified)) = (analyze_unverified(pattern), analyze(pattern)) else {
                assert_eq!(analyze_unverified(pattern).err(), analyze(pattern).err(), "{pattern}");
                continue;
            };
            if unverified.expressions().all(|regex| compile(regex).is_ok()) {
                assert_eq!(unverified, verified, "{pattern}");
            } else {
                assert!(matches!(verified.translated, Err(Unsupported::Rejected { .. })), "{pattern}");
            }
        }
    }

    #[test]
    fn leading_lookaheads_become_separate_regexes() {
        let cases: [(&str, &str, &[&str], &[&str]); 10] = [
            (
                r"^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$",
                r"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$",
                &["^(?:aws:)"],
                &[],
            ),
            (
                r"^(?!\.$)(?!\.\.$)[\p{L}]+$",
                r"^[\p{L}]+$",
                &[r"^(?:\.$)", r"^(?:\.\.$)"],
                &[],
            ),
            (
                "^(?!aws:|connect:)[a-z:]+$",
                "^[a-z:]+$",
                &["^(?:aws:|connect:)"],
                &[],
            ),
            ("^(?!a)", "^", &["^(?:a)"], &[]),
            ("^(?!$)", "^", &["^(?:$)"], &[]),
            ("^(?!)", "^", &["^(?:)"], &[]),
            (
                r"^(?=.*\d)(?!.*\s)(?=.*[a-z]).{8,}$",
                r"^[^\n\r\u2028\u2029]{8,}$",
                &[
                    r"^(?:[^\n\r\u2028\u2029]*[\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF])",
                ],
                &[
                    r"^(?:[^\n\r\u2028\u2029]*[0-9])",
                    r"^(?:[^\n\r\u2028\u2029]*[a-z])",
                ],
            ),
            // A `^` among the lookaheads also holds at the start; groups keep their kind.
            (
                "^(?!(a|b(?<n>c))+$)^(x)",
                "^(x)",
                &["^(?:(a|b(?<n>c))+$)"],
                &[],
            ),
            // The workaround for `regex`'s `\B` applies to each regex on its own.
            (
                r"^(?=\B)\B",
                r"^(?s:.)*?(?:^(?-u:\B))",
                &[],
                &[r"^(?s:.)*?(?:^(?:(?-u:\B)))"],
            ),
            // Annex B (no `u`): `\-` outside a class.
            (r"^(?!a\-)b", "^b", &["^(?:a-)"], &[]),
        ];
        for (pattern, translated, exclusions, requirements) in cases {
            let a = analysis(pattern);
            assert_eq!(a.translated.as_deref(), Ok(translated), "{pattern}");
            assert_eq!(a.exclusions, exclusions, "{pattern}");
            assert_eq!(a.requirements, requirements, "{pattern}");
        }
        // Patterns without lookaheads have none.
        let a = analysis("^a(b)$");
        assert!(a.exclusions.is_empty() && a.requirements.is_empty());
    }

    #[test]
    fn lookarounds_elsewhere_stay_unsupported() {
        let cases = [
            ("(?!a)b", Unsupported::Lookaround { offset: 0 }),
            ("a(?!b)", Unsupported::Lookaround { offset: 1 }),
            ("^x(?!a)", Unsupported::Lookaround { offset: 2 }),
            ("^(?!a)b(?=c)", Unsupported::Lookaround { offset: 7 }),
            ("^(?!a)|b", Unsupported::Lookaround { offset: 1 }),
            ("(?:^(?!a))b", Unsupported::Lookaround { offset: 4 }),
            ("^(?<!a)b", Unsupported::Lookaround { offset: 1 }),
            ("^(?<=a)", Unsupported::Lookaround { offset: 1 }),
            ("^(?!(?=a)b)", Unsupported::Lookaround { offset: 4 }),
            ("(?m:^(?!a))", Unsupported::Multiline { offset: 4 }),
            // Annex B lets a lookahead be quantified; it is then not a plain leading assertion.
            ("^(?!a)*b", Unsupported::Lookaround { offset: 1 }),
            ("^/^(?=a)b$/$", Unsupported::Lookaround { offset: 3 }),
            // When the lookaheads split off, what blocks the rest is named instead.
            (r"^(?=(a))\1", Unsupported::Backreference { offset: 8 }),
            (r"^(?!a)(b)\1", Unsupported::Backreference { offset: 9 }),
            ("^(?!(?i:a))b", Unsupported::CaseInsensitive { offset: 4 }),
            (
                r"^(?!a)\p{sc=Tai_Yo}",
                Unsupported::UnicodeProperty {
                    offset: 6,
                    name: "sc=Tai_Yo".to_owned(),
                },
            ),
        ];
        for (pattern, expected) in cases {
            let a = analysis(pattern);
            assert_eq!(a.translated, Err(expected), "{pattern}");
            assert!(
                a.exclusions.is_empty() && a.requirements.is_empty(),
                "{pattern}"
            );
        }
        match analysis(r"^(?!a)(?:\w{1000}){1000}").translated {
            Err(Unsupported::Rejected { message }) => assert!(message.contains("size limit")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn connect_phone_number_is_double_escaped() {
        let a = analysis(PHONE_NUMBER);
        let expected = PatternWarning::DoubleEscaped {
            offset: 1,
            suggestion: r"^\+[1-9]\d{1,14}$".to_owned(),
        };
        assert_eq!(a.warnings, vec![expected.clone()]);
        assert_eq!(
            expected.to_string(),
            r"looks double-escaped: `\\+` repeats a literal backslash; did you mean `^\+[1-9]\d{1,14}$`?"
        );
        // As written it still means something: a backslash, then digits.
        let re = regex::Regex::new(&a.translated.unwrap()).unwrap();
        assert!(re.is_match(r"\2\d"));
        assert!(!re.is_match("+12065550100"));
    }

    #[test]
    fn double_escape_detection_stays_quiet_on_real_backslashes() {
        let flagged = [
            (r"\\S", r"\S"),
            (r"[\\P{C}\r\n\t]+", r"[\P{C}\r\n\t]+"),
            (r"^(?!\\.$)[\\p{L}]", r"^(?!\.$)[\p{L}]"),
            (r"a\\\\d", r"a\\d"),
            (
                r"^(?!\\.$)(?!\\.\\.$)[\\p{L}\\p{Z}\\p{N}\\-_.:=@'|]+$",
                r"^(?!\.$)(?!\.\.$)[\p{L}\p{Z}\p{N}\-_.:=@'|]+$",
            ),
            (r"\\(\\d\\)", r"\(\d\)"),
        ];
        for (pattern, suggestion) in flagged {
            let warnings = analysis(pattern).warnings;
            assert!(
                matches!(&warnings[..], [PatternWarning::DoubleEscaped { suggestion: s, .. }] if s == suggestion),
                "{pattern}: {warnings:?}"
            );
        }
        let quiet = [
            r#"^[a-zA-Z]:\\[^<>:"/\\|?*]+$"#,
            r"^\\\\[a-z]+\\share$",
            r"C:\\(Program Files)\\",
            r"\\$",
            r"[\\]",
            r"\\path",
            r"\\share\\dir",
            r"^\+[1-9]\d{1,14}$",
        ];
        for pattern in quiet {
            assert_eq!(analysis(pattern).warnings, vec![], "{pattern}");
        }
    }

    #[test]
    fn unmatchable_patterns_are_found() {
        let unmatchable = [
            "a^",
            "$a",
            "[]",
            r"[^\s\S]",
            r"[^\d\D]",
            "x{3}$b?c",
            "(?:a^|$b)",
            "(?:b|c)+^",
            "a{1000000}^",
            "(?:[])?[]",
        ];
        for pattern in unmatchable {
            let warnings = analysis(pattern).warnings;
            assert!(
                matches!(&warnings[..], [PatternWarning::Unmatchable { .. }]),
                "{pattern}: {warnings:?}"
            );
        }
        match &analysis("(?:a^)?[]").warnings[..] {
            [PatternWarning::Unmatchable { reason }] => {
                assert!(reason.contains("class at offset 7"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
        let matchable = [
            "",
            "^$",
            "$^",
            "a?^b",
            "(?:a^)?b",
            "a|^",
            "(?m:a^b)",
            "(?m:a$b)",
            r"\b\B",
            "(?=a)b",
            "x*$",
            "(?:$a)*",
            r"[\s\S]",
            r"[^\s]",
            "(a|$)b",
            "$$^^",
            r"[^\P{L}]",
            r"()\1^",
            "a{0}^",
        ];
        for pattern in matchable {
            assert_eq!(analysis(pattern).warnings, vec![], "{pattern}");
        }
    }

    #[test]
    fn connect_password_is_unmatchable() {
        let pattern = r"^/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[a-zA-Z\d\S]{8,64}$/$";
        let a = analysis(pattern);
        assert_eq!(a.translated, Err(Unsupported::Lookaround { offset: 3 }));
        match &a.warnings[..] {
            [w @ PatternWarning::Unmatchable { reason }] => {
                assert!(reason.contains("`^` at offset 2"), "{reason}");
                assert!(w.to_string().starts_with("can never match: "));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn redos_pattern_runs_in_linear_time() {
        let re = regex::Regex::new(&translated("^([0-9]+)+$")).unwrap();
        let input = format!("{}!", "0".repeat(84));
        assert!(!re.is_match(&input));
        assert!(re.is_match(&"0".repeat(84)));
    }

    /// xorshift64*: deterministic, so a failure reproduces.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }

        fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[self.below(items.len())]
        }
    }

    const GARBAGE: &[char] = &[
        '\\', '\\', '(', ')', '[', ']', '{', '}', '^', '$', '.', '*', '+', '?', '|', '-', ',', '0',
        '1', '2', '9', 'a', 'z', 'd', 'D', 'w', 's', 'b', 'B', 'p', 'P', 'u', 'x', 'c', 'k', 'L',
        'n', '<', '>', '=', '!', ':', '&', '~', '_', 'é', '👍', '\n', ' ', '\u{2028}', 'i', 'm',
    ];

    #[test]
    fn garbage_never_panics_and_translations_compile() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..6000 {
            let len = rng.below(24);
            let pattern: String = (0..len)
                .map(|_| {
                    if rng.below(20) == 0 {
                        char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('\u{FFFD}')
                    } else {
                        *rng.pick(GARBAGE)
                    }
                })
                .collect();
            let chars: Vec<char> = pattern.chars().collect();
            let Ok(parsed) = parse(&chars) else {
                assert!(analyze(&pattern).is_err());
                continue;
            };
            let a = analysis(&pattern);
            for warning in &a.warnings {
                assert!(!warning.to_string().is_empty());
            }
            // The translator must not lean on the compile check to hide its own mistakes.
            let mut trees = vec![parsed.ast.clone()];
            if let Some(split) = split_leading_lookaheads(&parsed.ast) {
                trees.push(split.rest);
                trees.extend(split.looks.into_iter().map(|(look, _)| look));
            }
            for tree in &trees {
                if let Ok(syntax) = to_regex_syntax(tree) {
                    if let Err(e) = compile(&syntax) {
                        let message = e.to_string();
                        assert!(
                            message.contains("size limit") || message.contains("decimal"),
                            "{pattern:?} -> {syntax:?}: {message}"
                        );
                    }
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Differential testing against `regress`, an ECMA-262 engine.
    // -----------------------------------------------------------------------------------------

    /// Characters where `regex` and ECMA readings of the same text tend to part ways.
    const PROBE_CHARS: &[char] = &[
        'a',
        'Z',
        'k',
        's',
        '0',
        '9',
        '_',
        '-',
        '.',
        ' ',
        '\t',
        '\n',
        '\r',
        '\u{0B}',
        'é',
        'ß',
        'Ω',
        '中',
        '٣',
        '²',
        '👍',
        '\u{a0}',
        '\u{85}',
        '\u{2028}',
        '\u{2029}',
        '\u{feff}',
        '\u{1680}',
        '\u{3000}',
        '\u{200b}',
        '\u{212A}',
        '\u{17F}',
        '\\',
        '+',
        '@',
        '/',
        ':',
        '{',
        '$',
        '^',
        '\u{0}',
        '\u{1F600}',
    ];

    const PROBES: &[&str] = &[
        "",
        "a",
        "abc",
        "ABC",
        "0123456789",
        "٣",
        "١٢٣٤",
        "é",
        "Ωmega",
        "日本語",
        "👍",
        "a👍b",
        "\u{a0}",
        " ",
        "\u{2028}",
        "\n",
        "a\n",
        "\na",
        "\r\n",
        "\t",
        "_",
        "a b",
        "a-b_c.d",
        "+12065550100",
        r"\+12065550100",
        r"\d",
        "user@example.com",
        "arn:aws:connect:us-west-2:123456789012:instance/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
        "arn:aws:connect:us-west-2:123456789012:instance/abcdef01-2345-6789-abcd-ef0123456789",
        "abcdef01-2345-6789-abcd-ef0123456789",
        "2024-01-31",
        "2024-01-31T12:34:56.789Z",
        "s3://bucket/key",
        "https://x.s3.us-east-1.amazonaws.com/k",
        "en-US",
        "aws:tag",
        "connect:x",
        ".",
        "..",
        r"\.",
        r"\.\.",
        "Passw0rd!",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "d-1234567890",
        "gh",
        "mmm",
        "word word",
        "{}",
        "x{2}",
    ];

    /// Patterns chosen to land on differences between ECMA and `regex`.
    const TRICKY: &[&str] = &[
        r"^\d+$",
        r"^\w+$",
        r"^\s*$",
        r"\S",
        r"^.$",
        r"^.*$",
        r"[^\n]",
        r"\bé",
        r"\ba\b",
        r"\B",
        r"^\B$",
        r"[\s\S]",
        r"[^\s]",
        r"[\W\S_]",
        r"[\D\d]",
        r"[^\W]",
        r"^\p{L}+$",
        r"^\p{Lu}",
        r"\p{Nd}",
        r"^\P{C}*$",
        r"[\p{Z}]",
        r"\p{Script=Greek}",
        r"\p{scx=Hira}",
        r"\p{Any}",
        r"\p{ASCII}",
        r"\p{White_Space}",
        r"\p{Cs}",
        r"^\P{Cs}$",
        r"^\u{1F44D}$",
        r"^\uD83D\uDC4D$",
        r"^[\uD83D\uDC4D]$",
        r"^[\u{1F600}-\u{1F64F}]$",
        r"\uD83D",
        r"[\uD800-\uDFFF]",
        r"^[^\uD800-\uDFFF]$",
        r"^[\0-\uFFFF]+$",
        r"^$",
        r"$^",
        r"a$",
        r"^a",
        r"^(a|b)*$",
        r"x{0}",
        r"^a{2,3}$",
        r"a{,2}",
        r"^[a-z]{2}(-[a-z]+){1,2}$",
        r"a]",
        r"\-",
        r"[\w-.]",
        r"[a-]",
        r"[-a]",
        r"[\d-]",
        r"[&&a]",
        r"[+--]",
        r"[a\-\-b]",
        r"[~~]",
        r"[[]",
        r"[]",
        r"[^]",
        r"^[^]$",
        r"(?:)",
        r"a||b",
        r"(|a)",
        r"\0",
        r"\cJ",
        r"[\cJ]",
        r"[\b]",
        r"\101",
        r"\8",
        r"\x41",
        r"\xZ",
        r"\c",
        r"\c1",
        r"[\c1]",
        r"[\c]",
        r"\k",
        r"\_",
        r"(?<a>x)|(?<a>y)",
        r"(?s:^.$)",
        r"(?-s:.)",
        r"^\t\v\f$",
        r"[\t-\r]",
        r"^[ -~]+$",
        r"^[\x20-\x21\x23-\x5B\x5D-\x7E]*$",
        r"#comment",
        r"a b",
        r"\/",
        r"^([0-9]+)+$",
        r"^https://([.\-_a-zA-Z0-9]+/?){3,10}$",
        r".*\S.*",
        r"^[a-zA-Z]:\\[^<>:/\\|?*]+$",
    ];

    /// Every `smithy.api#pattern` on a shape or member of a Smithy JSON AST model.
    fn model_patterns(path: &str) -> Option<Vec<String>> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                println!("skipping {}: {e}", path.display());
                return None;
            }
        };
        let model: serde_json::Value = serde_json::from_str(&text).expect("model is JSON");
        let mut patterns = Vec::new();
        let mut collect = |traits: Option<&serde_json::Value>| {
            if let Some(p) = traits
                .and_then(|t| t.get("smithy.api#pattern"))
                .and_then(|p| p.as_str())
            {
                if !patterns.iter().any(|known| known == p) {
                    patterns.push(p.to_owned());
                }
            }
        };
        let shapes = model.get("shapes").and_then(|s| s.as_object());
        for shape in shapes.into_iter().flat_map(|s| s.values()) {
            collect(shape.get("traits"));
            for key in ["member", "key", "value"] {
                collect(shape.get(key).and_then(|m| m.get("traits")));
            }
            let members = shape.get("members").and_then(|m| m.as_object());
            for member in members.into_iter().flat_map(|m| m.values()) {
                collect(member.get("traits"));
            }
        }
        Some(patterns)
    }

    /// Strings the pattern probably matches, found by walking its tree, so that the comparison
    /// is not only about rejections.
    fn sample(node: &Node, rng: &mut Rng, out: &mut String) {
        let push_code = |out: &mut String, c: u32| {
            if let Some(c) = char::from_u32(c) {
                out.push(c);
            }
        };
        let from_shorthand = |sh: &Shorthand, rng: &mut Rng| -> u32 {
            if sh.negated {
                return u32::from(*rng.pick(PROBE_CHARS));
            }
            let &(low, high) = rng.pick(sh.kind.intervals());
            low + rng.below((high - low + 1) as usize) as u32
        };
        match node {
            Node::Lit { lit, .. } => push_code(out, lit.c),
            Node::Dot { .. } | Node::Property { .. } => out.push(*rng.pick(PROBE_CHARS)),
            Node::Shorthand { sh, .. } => {
                let c = from_shorthand(sh, rng);
                push_code(out, c);
            }
            Node::Class { negated, items, .. } => {
                if *negated || items.is_empty() {
                    out.push(*rng.pick(PROBE_CHARS));
                    return;
                }
                let c = match rng.pick(items) {
                    ClassItem::Lit(lit) => lit.c,
                    ClassItem::Range(low, high) => {
                        low.c + rng.below((high.c - low.c + 1) as usize) as u32
                    }
                    ClassItem::Shorthand(sh) => from_shorthand(sh, rng),
                    ClassItem::Property { .. } => u32::from(*rng.pick(PROBE_CHARS)),
                };
                push_code(out, c);
            }
            Node::Group { body, .. } | Node::Modifiers { body, .. } => sample(body, rng, out),
            Node::Concat(nodes) => {
                for node in nodes {
                    sample(node, rng, out);
                }
            }
            Node::Alt(nodes) => sample(rng.pick(nodes), rng, out),
            Node::Repeat { body, min, max, .. } => {
                let low = (*min).min(70);
                let high = max.unwrap_or(low + 3).min(low + 3);
                let count = low + rng.below((high - low + 1) as usize) as u64;
                for _ in 0..count {
                    sample(body, rng, out);
                }
            }
            _ => {}
        }
    }

    fn has_lone_surrogate(node: &Node) -> bool {
        match node {
            Node::Lit { lit, .. } => is_surrogate(lit.c),
            Node::Class { items, .. } => items.iter().any(|item| match item {
                ClassItem::Lit(lit) => is_surrogate(lit.c),
                ClassItem::Range(low, high) => low.c <= 0xDFFF && high.c >= 0xD800,
                _ => false,
            }),
            Node::Look { body, .. }
            | Node::Group { body, .. }
            | Node::Modifiers { body, .. }
            | Node::Repeat { body, .. } => has_lone_surrogate(body),
            Node::Concat(nodes) | Node::Alt(nodes) => nodes.iter().any(has_lone_surrogate),
            _ => false,
        }
    }

    fn inputs_for(ast: &Node, rng: &mut Rng) -> Vec<String> {
        let mut inputs: Vec<String> = PROBES.iter().map(|s| (*s).to_owned()).collect();
        for _ in 0..8 {
            let mut s = String::new();
            sample(ast, rng, &mut s);
            let chars: Vec<char> = s.chars().collect();
            if !chars.is_empty() {
                // One character swapped for one where the engines differ: a near miss.
                let mut mutated = chars.clone();
                let at = rng.below(mutated.len());
                mutated[at] = *rng.pick(PROBE_CHARS);
                inputs.push(mutated.into_iter().collect());
            }
            inputs.push(format!("{s}\n"));
            inputs.push(format!("{}{s}", rng.pick(PROBE_CHARS)));
            inputs.push(s);
        }
        // What a lookahead looks for, alone and in front of what the rest wants, so that
        // exclusions and requirements are seen both holding and failing.
        let mut bodies = Vec::new();
        look_bodies(ast, &mut bodies);
        for body in bodies {
            for _ in 0..4 {
                let (mut x, mut s) = (String::new(), String::new());
                sample(body, rng, &mut x);
                sample(ast, rng, &mut s);
                inputs.push(format!("{x}{s}"));
                inputs.push(format!("{x}{}", rng.pick(PROBE_CHARS)));
                inputs.push(x);
            }
        }
        inputs
    }

    fn look_bodies<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
        match node {
            Node::Look { body, .. } => {
                out.push(body);
                look_bodies(body, out);
            }
            Node::Group { body, .. } | Node::Modifiers { body, .. } | Node::Repeat { body, .. } => {
                look_bodies(body, out);
            }
            Node::Concat(nodes) | Node::Alt(nodes) => {
                for node in nodes {
                    look_bodies(node, out);
                }
            }
            _ => {}
        }
    }

    /// The regexes of an [`Analysis`], evaluated as the conjunction generated code must check.
    struct Conjunction {
        translated: regex::Regex,
        exclusions: Vec<regex::Regex>,
        requirements: Vec<regex::Regex>,
    }

    impl Conjunction {
        fn new(a: &Analysis) -> Option<Self> {
            let compile = |t: &String| compile(t).expect("analyze proved it compiles");
            Some(Conjunction {
                translated: compile(a.translated.as_ref().ok()?),
                exclusions: a.exclusions.iter().map(compile).collect(),
                requirements: a.requirements.iter().map(compile).collect(),
            })
        }

        fn is_match(&self, input: &str) -> bool {
            self.translated.is_match(input)
                && self.requirements.iter().all(|re| re.is_match(input))
                && !self.exclusions.iter().any(|re| re.is_match(input))
        }
    }

    struct Tally {
        patterns: usize,
        translated: usize,
        /// Of those translated, how many by leading lookaheads turned into separate regexes.
        conjunctions: usize,
        unsupported: usize,
        warned: usize,
        skipped: usize,
        comparisons: usize,
        mismatches: Vec<String>,
    }

    fn differential(patterns: &[String], seed: u64) -> Tally {
        let mut tally = Tally {
            patterns: patterns.len(),
            translated: 0,
            conjunctions: 0,
            unsupported: 0,
            warned: 0,
            skipped: 0,
            comparisons: 0,
            mismatches: Vec::new(),
        };
        let mut rng = Rng(seed);
        for pattern in patterns {
            let parsed = parsed(pattern);
            let flags = if parsed.unicode { "u" } else { "" };
            let oracle = regress::Regex::with_flags(pattern, flags)
                .unwrap_or_else(|e| panic!("regress rejects {pattern:?} /{flags}: {e}"));
            let a = analysis(pattern);
            if !a.warnings.is_empty() {
                tally.warned += 1;
            }
            let conjunction = Conjunction::new(&a);
            let shown = match &a.translated {
                Ok(translated) => {
                    tally.translated += 1;
                    if a.exclusions.len() + a.requirements.len() > 0 {
                        tally.conjunctions += 1;
                    }
                    let mut shown = format!("{translated:?}");
                    for r in &a.requirements {
                        let _ = write!(shown, " and {r:?}");
                    }
                    for x in &a.exclusions {
                        let _ = write!(shown, " and not {x:?}");
                    }
                    Some(shown)
                }
                Err(_) => {
                    tally.unsupported += 1;
                    None
                }
            };
            if has_lone_surrogate(&parsed.ast) {
                // `regress` on UTF-8 input mishandles a quantified lone surrogate (`a\uD83D?b`
                // fails on "ab"; V8 matches), so it is no oracle for these.
                tally.skipped += 1;
                continue;
            }
            let unmatchable = a
                .warnings
                .iter()
                .any(|w| matches!(w, PatternWarning::Unmatchable { .. }));
            for input in inputs_for(&parsed.ast, &mut rng) {
                let expected = oracle.find(&input).is_some();
                if unmatchable && expected {
                    tally.mismatches.push(format!(
                        "{pattern:?} /{flags} called unmatchable, but ECMA matches {input:?}"
                    ));
                }
                let (Some(conjunction), Some(shown)) = (&conjunction, &shown) else {
                    continue;
                };
                tally.comparisons += 1;
                if conjunction.is_match(&input) != expected {
                    tally.mismatches.push(format!(
                        "{pattern:?} /{flags} as {shown} on {input:?}: ECMA says {expected}"
                    ));
                }
            }
        }
        tally
    }

    fn assert_agrees(name: &str, tally: &Tally) {
        println!(
            "{name}: {} patterns, {} translated ({} with lookaheads as separate regexes), \
             {} unsupported, {} with warnings, {} not compared, {} comparisons, {} mismatches",
            tally.patterns,
            tally.translated,
            tally.conjunctions,
            tally.unsupported,
            tally.warned,
            tally.skipped,
            tally.comparisons,
            tally.mismatches.len()
        );
        assert!(
            tally.mismatches.is_empty(),
            "{name}: {} mismatches, first: {:#?}",
            tally.mismatches.len(),
            &tally.mismatches[..tally.mismatches.len().min(400)]
        );
    }

    #[test]
    fn tricky_patterns_agree_with_ecma() {
        let patterns: Vec<String> = TRICKY.iter().map(|p| (*p).to_owned()).collect();
        let tally = differential(&patterns, 1);
        assert_agrees("tricky", &tally);
        assert!(tally.translated + 3 >= tally.patterns);
    }

    #[test]
    fn connect_patterns_agree_with_ecma() {
        let Some(patterns) = model_patterns(CONNECT_MODEL) else {
            return;
        };
        assert!(
            patterns.len() >= 40,
            "only {} patterns found",
            patterns.len()
        );
        let tally = differential(&patterns, 2);
        assert_agrees("connect", &tally);
        assert!(patterns.iter().any(|p| p == PHONE_NUMBER));
        let password = patterns
            .iter()
            .find(|p| p.starts_with("^/^(?="))
            .expect("Connect's Password pattern");
        assert!(matches!(
            &analysis(password).warnings[..],
            [PatternWarning::Unmatchable { .. }]
        ));
        for pattern in &patterns {
            for warning in analysis(pattern).warnings {
                println!("  {pattern}: {warning}");
            }
            if let Err(why) = analysis(pattern).translated {
                println!("  {pattern}: {why}");
            }
        }
    }

    /// Leading lookaheads, checked as separate regexes; chosen to land on their edge cases.
    const LOOKAHEADS: &[&str] = &[
        r"^(?!a)",
        r"^(?!$)",
        r"^(?=$)",
        r"^(?!)",
        r"^(?=)x",
        r"^(?!a)$",
        r"^(?!a|b$)c*$",
        r"^(?!a|b$)[a-c]*$",
        r"^(?=.*\d)(?=.*[a-z]).{8,}$",
        r"^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[^A-Za-z0-9]).{8,64}$",
        r"^(?=.*\d)(?!.*\s)(?=.*[a-z])[\s\S]{8,}$",
        r"^(?!.*$)",
        r"^(?!.*\s)\S{1,3}",
        r"^(?!(a|b(c)?)+$)\w*$",
        r"^(?!(?:x(y|z))*q)[a-z]*",
        r"^(?=(?<n>a|s)[^]*)\w",
        r"^(?!^a)b?",
        r"^(?!a^)a",
        r"^(?!a$|^b)[ab]+$",
        r"^^(?!a)^b",
        r"^(?=a)(?!ab)\w+",
        r"^(?!\bfoo\b)\w+$",
        r"^(?=\B)",
        r"^(?!\B)\w*",
        r"^(?=\B|b)\B",
        r"^(?!a\-)\w",
        r"^(?=.*\u{1F44D})",
        r"^(?!\p{Lu})\p{L}+$",
        r"^(?!\.$)(?!\.\.$)[\p{L}\p{Z}\p{N}\-_.:=@'|]+$",
        r"^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$",
        r"^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$",
        r"^(?!aws:|connect:)[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]+$",
        r"^(?!aws:)[a-zA-Z+-=._:/]+$",
    ];

    #[test]
    fn leading_lookaheads_agree_with_ecma() {
        let patterns: Vec<String> = LOOKAHEADS.iter().map(|p| (*p).to_owned()).collect();
        let tally = differential(&patterns, 5);
        assert_agrees("lookaheads", &tally);
        assert_eq!(tally.translated, patterns.len());
        assert_eq!(tally.conjunctions, patterns.len());
    }

    #[test]
    fn connect_lookahead_patterns_are_enforced() {
        let Some(patterns) = model_patterns(CONNECT_MODEL) else {
            return;
        };
        let with_lookaround: Vec<String> = patterns
            .into_iter()
            .filter(|p| p.contains("(?=") || p.contains("(?!") || p.contains("(?<"))
            .collect();
        let tally = differential(&with_lookaround, 6);
        assert_agrees("connect lookaround", &tally);
        for pattern in &with_lookaround {
            let a = analysis(pattern);
            match &a.translated {
                Ok(t) => println!(
                    "  {pattern}: {t:?}, requirements {:?}, exclusions {:?}",
                    a.requirements, a.exclusions
                ),
                Err(why) => println!("  {pattern}: {why}"),
            }
        }
        // All but Password (`^/^(?=...`), whose lookaheads follow a `/` and which cannot match.
        assert_eq!(with_lookaround.len(), 6);
        assert_eq!(tally.conjunctions, 5);
    }

    #[test]
    fn protocol_test_patterns_agree_with_ecma() {
        let Some(patterns) = model_patterns(VALIDATION_MODEL) else {
            return;
        };
        assert_eq!(patterns.len(), 3, "{patterns:?}");
        let tally = differential(&patterns, 3);
        assert_agrees("restJson1 validation", &tally);
        assert_eq!(tally.translated, 3);
    }

    const TOKENS: &[&str] = &[
        "a",
        "b",
        "é",
        "👍",
        "0",
        "5",
        r"\d",
        r"\D",
        r"\w",
        r"\W",
        r"\s",
        r"\S",
        r"\b",
        r"\B",
        ".",
        "^",
        "$",
        "*",
        "+",
        "?",
        "{2}",
        "{1,3}",
        "{2,}",
        "*?",
        "(",
        ")",
        "(?:",
        "(?<n>",
        "|",
        "[",
        "]",
        "[^",
        "-",
        r"\-",
        r"\\",
        r"\u00e9",
        r"\x41",
        r"\p{L}",
        r"\P{L}",
        r"\p{Lu}",
        r"\n",
        r"\t",
        " ",
        "{",
        "}",
        r"\0",
        r"\1",
        r"\cJ",
        r"\/",
        "_",
        r"\.",
        r"\u2028",
        r"\uD83D\uDC4D",
        r"\uD83D",
        "(?s:",
        "(?-i:",
        "[a-z]",
        r"[\d-z]",
        r"[^\s]",
        "&&",
        "~~",
        "--",
        "#",
        "(?=",
        "(?!",
        "(?<!",
        "^(?!",
        "^(?=",
    ];

    /// Where `regress` is laxer than ECMA-262 and V8: it lets `\b` and `\B` take a quantifier.
    fn regress_deviates(chars: &[char]) -> bool {
        let Err(e) = parse(chars) else {
            return false;
        };
        e.offset >= 2
            && chars[e.offset - 2] == '\\'
            && matches!(chars[e.offset - 1], 'b' | 'B')
            && e.message.starts_with("nothing to repeat")
    }

    #[test]
    fn random_patterns_agree_with_ecma() {
        let mut rng = Rng(0xD1B5_4A32_D192_ED03);
        let mut patterns = Vec::new();
        let mut validity_disagreements = Vec::new();
        while patterns.len() < 1500 {
            let len = 1 + rng.below(7);
            let pattern: String = (0..len).map(|_| *rng.pick(TOKENS)).collect();
            let chars: Vec<char> = pattern.chars().collect();
            let ours = parse(&chars).ok().map(|p| p.unicode);
            let theirs = if regress::Regex::with_flags(&pattern, "u").is_ok() {
                Some(true)
            } else if regress::Regex::with_flags(&pattern, "").is_ok() {
                Some(false)
            } else {
                None
            };
            if ours != theirs && !regress_deviates(&chars) {
                validity_disagreements
                    .push(format!("{pattern:?}: ours {ours:?}, regress {theirs:?}"));
                continue;
            }
            if ours.is_some() && !patterns.contains(&pattern) {
                patterns.push(pattern);
            }
        }
        assert!(
            validity_disagreements.is_empty(),
            "{:#?}",
            &validity_disagreements[..validity_disagreements.len().min(20)]
        );
        let tally = differential(&patterns, 4);
        assert_agrees("random", &tally);
    }

    #[test]
    fn random_leading_lookaheads_agree_with_ecma() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let mut patterns = Vec::new();
        let mut attempts = 0;
        while patterns.len() < 1000 {
            attempts += 1;
            assert!(attempts < 200_000, "too few valid patterns");
            let mut pattern = String::from("^");
            for _ in 0..1 + rng.below(2) {
                pattern.push_str(if rng.below(2) == 0 { "(?!" } else { "(?=" });
                for _ in 0..1 + rng.below(4) {
                    let token = *rng.pick(TOKENS);
                    pattern.push_str(token);
                }
                pattern.push(')');
            }
            for _ in 0..rng.below(5) {
                let token = *rng.pick(TOKENS);
                pattern.push_str(token);
            }
            let chars: Vec<char> = pattern.chars().collect();
            let Ok(parsed) = parse(&chars) else {
                continue;
            };
            let flags = if parsed.unicode { "u" } else { "" };
            if regress::Regex::with_flags(&pattern, flags).is_err() || patterns.contains(&pattern) {
                continue;
            }
            patterns.push(pattern);
        }
        let tally = differential(&patterns, 7);
        assert_agrees("random leading lookaheads", &tally);
        assert!(tally.conjunctions > 700, "only {}", tally.conjunctions);
    }
}
