//! The JMESPath parser shared by everything that compiles a path at codegen: endpoint
//! `operationContextParams` ([`super::endpoints`], which allow a small subset) and waiter
//! acceptors ([`super::waiters`], which allow comparisons, boolean operators, filters, literals
//! and a few functions). Each consumer types the [`Ast`] against the shapes and refuses what its
//! subset lacks, so the grammar lives here once.
//!
//! Binding powers and the shape of projections follow JMESPath's reference implementation
//! (`jmespath.py`); multi-select hashes, slices and expression references are refused here, as
//! no consumer compiles them.

use serde_json::Value;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Comparison {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Comparison {
    pub(crate) fn text(self) -> &'static str {
        match self {
            Comparison::Eq => "==",
            Comparison::Ne => "!=",
            Comparison::Lt => "<",
            Comparison::Le => "<=",
            Comparison::Gt => ">",
            Comparison::Ge => ">=",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Identifier(String),
    Dot,
    Star,
    /// `[`
    Open,
    /// `]`
    Close,
    /// `[]`
    Flatten,
    /// `[?`
    Filter,
    Comma,
    OpenParen,
    CloseParen,
    At,
    Pipe,
    Or,
    And,
    Not,
    Compare(Comparison),
    /// A `` `json` `` literal or a `'raw string'` (as a JSON string).
    Literal(Value),
    /// An integer, as inside `[0]`.
    Number(i64),
}

impl Token {
    fn describe(&self) -> String {
        match self {
            Token::Identifier(name) => format!("`{name}`"),
            Token::Dot => "`.`".into(),
            Token::Star => "`*`".into(),
            Token::Open => "`[`".into(),
            Token::Close => "`]`".into(),
            Token::Flatten => "`[]`".into(),
            Token::Filter => "`[?`".into(),
            Token::Comma => "`,`".into(),
            Token::OpenParen => "`(`".into(),
            Token::CloseParen => "`)`".into(),
            Token::At => "`@`".into(),
            Token::Pipe => "`|`".into(),
            Token::Or => "`||`".into(),
            Token::And => "`&&`".into(),
            Token::Not => "`!`".into(),
            Token::Compare(op) => format!("`{}`", op.text()),
            Token::Literal(value) => format!("the literal `{value}`"),
            Token::Number(n) => format!("`{n}`"),
        }
    }
}

fn tokenize(path: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = path.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let token = match c {
            c if c.is_whitespace() => continue,
            '.' => Token::Dot,
            '*' => Token::Star,
            ',' => Token::Comma,
            '(' => Token::OpenParen,
            ')' => Token::CloseParen,
            '@' => Token::At,
            ']' => Token::Close,
            '[' => {
                while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
                if chars.next_if(|(_, c)| *c == ']').is_some() {
                    Token::Flatten
                } else if chars.next_if(|(_, c)| *c == '?').is_some() {
                    Token::Filter
                } else {
                    Token::Open
                }
            }
            '|' if chars.next_if(|(_, c)| *c == '|').is_some() => Token::Or,
            '|' => Token::Pipe,
            '&' if chars.next_if(|(_, c)| *c == '&').is_some() => Token::And,
            '&' => return Err(format!("expression references (`&` at offset {at}) are not supported")),
            '!' if chars.next_if(|(_, c)| *c == '=').is_some() => Token::Compare(Comparison::Ne),
            '!' => Token::Not,
            '=' if chars.next_if(|(_, c)| *c == '=').is_some() => Token::Compare(Comparison::Eq),
            '=' => return Err(format!("`=` at offset {at} is not an operator; comparisons are written `==`")),
            '<' if chars.next_if(|(_, c)| *c == '=').is_some() => Token::Compare(Comparison::Le),
            '<' => Token::Compare(Comparison::Lt),
            '>' if chars.next_if(|(_, c)| *c == '=').is_some() => Token::Compare(Comparison::Ge),
            '>' => Token::Compare(Comparison::Gt),
            ':' => return Err(format!("slice expressions (`:` at offset {at}) are not supported")),
            '{' | '}' => return Err(format!("multi-select hashes (`{c}` at offset {at}) are not supported")),
            '"' => {
                let mut text = String::from('"');
                loop {
                    match chars.next() {
                        Some((_, '"')) => break,
                        Some((_, '\\')) => match chars.next() {
                            Some((_, c)) => {
                                text.push('\\');
                                text.push(c);
                            }
                            None => return Err(format!("the quoted identifier at offset {at} is not closed")),
                        },
                        Some((_, c)) => text.push(c),
                        None => return Err(format!("the quoted identifier at offset {at} is not closed")),
                    }
                }
                text.push('"');
                match serde_json::from_str::<String>(&text) {
                    Ok(name) => Token::Identifier(name),
                    Err(_) => return Err(format!("the quoted identifier at offset {at} has an escape JSON does not define")),
                }
            }
            '\'' => {
                let mut text = String::new();
                loop {
                    match chars.next() {
                        Some((_, '\'')) => break,
                        // JMESPath's raw strings escape only the quote and the backslash.
                        Some((_, '\\')) => match chars.next_if(|(_, c)| *c == '\'' || *c == '\\') {
                            Some((_, c)) => text.push(c),
                            None => text.push('\\'),
                        },
                        Some((_, c)) => text.push(c),
                        None => return Err(format!("the raw string at offset {at} is not closed")),
                    }
                }
                Token::Literal(Value::String(text))
            }
            '`' => {
                let mut text = String::new();
                loop {
                    match chars.next() {
                        Some((_, '`')) => break,
                        Some((_, '\\')) if chars.peek().is_some_and(|(_, c)| *c == '`') => {
                            chars.next();
                            text.push('`');
                        }
                        Some((_, c)) => text.push(c),
                        None => return Err(format!("the literal at offset {at} is not closed")),
                    }
                }
                match serde_json::from_str::<Value>(&text) {
                    Ok(value) => Token::Literal(value),
                    Err(_) => return Err(format!("the literal `{text}` at offset {at} is not JSON")),
                }
            }
            c if c.is_ascii_digit() || (c == '-' && chars.peek().is_some_and(|(_, c)| c.is_ascii_digit())) => {
                let mut digits = String::from(c);
                while let Some((_, c)) = chars.next_if(|(_, c)| c.is_ascii_digit()) {
                    digits.push(c);
                }
                match digits.parse::<i64>() {
                    Ok(n) => Token::Number(n),
                    Err(_) => return Err(format!("the number `{digits}` at offset {at} is out of range")),
                }
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let mut name = String::from(c);
                while let Some((_, c)) = chars.next_if(|(_, c)| c.is_ascii_alphanumeric() || *c == '_') {
                    name.push(c);
                }
                Token::Identifier(name)
            }
            other => return Err(format!("`{other}` at offset {at} is not JMESPath")),
        };
        tokens.push(token);
    }
    Ok(tokens)
}

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ast {
    /// `@`, and the implicit value a projection's right side starts from.
    Current,
    Field(String),
    /// `left.right`
    Sub(Box<Ast>, Box<Ast>),
    /// `left[*] right`, `left.* right` and `left[] right`: `right` applied to every element.
    Project { kind: Projection, left: Box<Ast>, right: Box<Ast> },
    /// `left[?condition] right`: `right` applied to every element the condition holds for.
    Filter { left: Box<Ast>, condition: Box<Ast>, right: Box<Ast> },
    /// `left[index]` (negative counts from the end).
    Index(Box<Ast>, i64),
    /// `[a, b]`
    MultiSelect(Vec<Ast>),
    /// `name(arguments)`
    Function(String, Vec<Ast>),
    /// `left | right`
    Pipe(Box<Ast>, Box<Ast>),
    Compare(Comparison, Box<Ast>, Box<Ast>),
    And(Box<Ast>, Box<Ast>),
    Or(Box<Ast>, Box<Ast>),
    Not(Box<Ast>),
    /// A `` `json` `` literal, or a raw string.
    Literal(Value),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Projection {
    /// `[*]` over a list.
    Items,
    /// `*` over a map's (or object's) values.
    Values,
    /// `[]`: the left side's lists merged into one.
    Flatten,
}

/// Parse `path`; `Err` says what is wrong, and where when the tokens tell.
pub(crate) fn parse(path: &str) -> Result<Ast, String> {
    let tokens = tokenize(path)?;
    // Chains (`a.b.c...`) parse in a loop, yet type and evaluate recursively: bound them too.
    if tokens.len() > MAX_TOKENS {
        return Err(format!("the expression has more than {MAX_TOKENS} tokens"));
    }
    let mut parser = Parser { tokens: &tokens, at: 0, depth: 0 };
    let ast = parser.expression(0)?;
    if let Some(token) = parser.peek() {
        return Err(format!("unexpected {} after the expression", token.describe()));
    }
    Ok(ast)
}

/// Binding powers of JMESPath's reference implementation; a projection's right side stops at a
/// token binding weaker than [`PROJECTION_STOP`].
const PIPE: u8 = 1;
const OR: u8 = 2;
const AND: u8 = 3;
const COMPARE: u8 = 5;
const FLATTEN: u8 = 9;
const STAR: u8 = 20;
const FILTER: u8 = 21;
const DOT: u8 = 40;
const NOT: u8 = 45;
const OPEN: u8 = 55;
const PROJECTION_STOP: u8 = 10;

/// How deeply expressions may nest: parsing, typing and evaluating all recurse over the tree, and
/// a model's path must not be able to exhaust the stack of the generator or of a client.
const MAX_DEPTH: usize = 64;
const MAX_TOKENS: usize = 512;

/// A Pratt parser over the tokens.
struct Parser<'t> {
    tokens: &'t [Token],
    at: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn peek_second(&self) -> Option<&Token> {
        self.tokens.get(self.at + 1)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn expect(&mut self, want: &Token) -> Result<(), String> {
        match self.next() {
            Some(token) if &token == want => Ok(()),
            Some(token) => Err(format!("expected {}, found {}", want.describe(), token.describe())),
            None => Err(format!("expected {}, found the end of the path", want.describe())),
        }
    }

    fn binding_power(token: Option<&Token>) -> u8 {
        match token {
            Some(Token::Pipe) => PIPE,
            Some(Token::Or) => OR,
            Some(Token::And) => AND,
            Some(Token::Compare(_)) => COMPARE,
            Some(Token::Flatten) => FLATTEN,
            Some(Token::Star) => STAR,
            Some(Token::Filter) => FILTER,
            Some(Token::Dot) => DOT,
            Some(Token::Open) => OPEN,
            _ => 0,
        }
    }

    fn expression(&mut self, power: u8) -> Result<Ast, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(format!("the expression nests deeper than {MAX_DEPTH} levels"));
        }
        let mut left = self.prefix()?;
        while power < Self::binding_power(self.peek()) {
            left = self.infix(left)?;
        }
        self.depth -= 1;
        Ok(left)
    }

    fn prefix(&mut self) -> Result<Ast, String> {
        match self.next() {
            Some(Token::Identifier(name)) if self.peek() == Some(&Token::OpenParen) => {
                self.next();
                let mut arguments = Vec::new();
                if self.peek() == Some(&Token::CloseParen) {
                    self.next();
                } else {
                    loop {
                        arguments.push(self.expression(0)?);
                        match self.next() {
                            Some(Token::Comma) => {}
                            Some(Token::CloseParen) => break,
                            Some(token) => return Err(format!("expected `,` or `)` in the arguments of `{name}`, found {}", token.describe())),
                            None => return Err(format!("the arguments of `{name}` are not closed")),
                        }
                    }
                }
                Ok(Ast::Function(name, arguments))
            }
            Some(Token::Identifier(name)) => Ok(Ast::Field(name)),
            Some(Token::At) => Ok(Ast::Current),
            Some(Token::Literal(value)) => Ok(Ast::Literal(value)),
            Some(Token::Not) => Ok(Ast::Not(Box::new(self.expression(NOT)?))),
            Some(Token::OpenParen) => {
                let inner = self.expression(0)?;
                self.expect(&Token::CloseParen)?;
                Ok(inner)
            }
            Some(Token::Star) => {
                let right = self.projection_right(STAR)?;
                Ok(Ast::Project { kind: Projection::Values, left: Box::new(Ast::Current), right: Box::new(right) })
            }
            Some(Token::Flatten) => {
                let right = self.projection_right(FLATTEN)?;
                Ok(Ast::Project { kind: Projection::Flatten, left: Box::new(Ast::Current), right: Box::new(right) })
            }
            Some(Token::Filter) => self.filter(Ast::Current),
            Some(Token::Open) => match (self.peek(), self.peek_second()) {
                (Some(Token::Number(_)), _) => self.index(Ast::Current),
                (Some(Token::Star), Some(Token::Close)) => {
                    self.at += 2;
                    let right = self.projection_right(STAR)?;
                    Ok(Ast::Project { kind: Projection::Items, left: Box::new(Ast::Current), right: Box::new(right) })
                }
                _ => self.multi_select(),
            },
            Some(token) => Err(format!("unexpected {}", token.describe())),
            None => Err("the path ends where an expression should be".to_string()),
        }
    }

    fn infix(&mut self, left: Ast) -> Result<Ast, String> {
        let boxed = Box::new(left);
        match self.next() {
            Some(Token::Dot) => {
                if self.peek() == Some(&Token::Star) {
                    self.next();
                    let right = self.projection_right(STAR)?;
                    return Ok(Ast::Project { kind: Projection::Values, left: boxed, right: Box::new(right) });
                }
                let right = self.dot_right(DOT)?;
                Ok(Ast::Sub(boxed, Box::new(right)))
            }
            Some(Token::Pipe) => Ok(Ast::Pipe(boxed, Box::new(self.expression(PIPE)?))),
            Some(Token::Or) => Ok(Ast::Or(boxed, Box::new(self.expression(OR)?))),
            Some(Token::And) => Ok(Ast::And(boxed, Box::new(self.expression(AND)?))),
            Some(Token::Compare(op)) => Ok(Ast::Compare(op, boxed, Box::new(self.expression(COMPARE)?))),
            Some(Token::Flatten) => {
                let right = self.projection_right(FLATTEN)?;
                Ok(Ast::Project { kind: Projection::Flatten, left: boxed, right: Box::new(right) })
            }
            Some(Token::Filter) => self.filter(*boxed),
            Some(Token::Open) => match (self.peek(), self.peek_second()) {
                (Some(Token::Number(_)), _) => self.index(*boxed),
                (Some(Token::Star), Some(Token::Close)) => {
                    self.at += 2;
                    let right = self.projection_right(STAR)?;
                    Ok(Ast::Project { kind: Projection::Items, left: boxed, right: Box::new(right) })
                }
                (Some(token), _) => Err(format!("expected an index or `*` after `[`, found {}", token.describe())),
                (None, _) => Err("the path ends after `[`".to_string()),
            },
            Some(token) => Err(format!("unexpected {}", token.describe())),
            None => Err("the path ends where an expression should be".to_string()),
        }
    }

    /// `[index]` after `left`, its `[` already read.
    fn index(&mut self, left: Ast) -> Result<Ast, String> {
        let Some(Token::Number(index)) = self.next() else { return Err("expected an index".to_string()) };
        match self.next() {
            Some(Token::Close) => Ok(Ast::Index(Box::new(left), index)),
            Some(Token::Number(_)) | None => Err("the index is not closed".to_string()),
            Some(token) => Err(format!("expected `]` after the index, found {}", token.describe())),
        }
    }

    /// `[?condition]` after `left`, its `[?` already read.
    fn filter(&mut self, left: Ast) -> Result<Ast, String> {
        let condition = self.expression(0)?;
        self.expect(&Token::Close)?;
        let right = if self.peek() == Some(&Token::Flatten) { Ast::Current } else { self.projection_right(FILTER)? };
        Ok(Ast::Filter { left: Box::new(left), condition: Box::new(condition), right: Box::new(right) })
    }

    /// What follows a `.`: an identifier, a function call, or a multi-select list.
    fn dot_right(&mut self, power: u8) -> Result<Ast, String> {
        match self.peek() {
            Some(Token::Open) => {
                self.next();
                self.multi_select()
            }
            Some(Token::Identifier(_)) => self.expression(power),
            Some(token) => Err(format!("unexpected {} after `.`", token.describe())),
            None => Err("the path ends after `.`".to_string()),
        }
    }

    /// A projection's right side: nothing (the elements themselves), or the sub-expression,
    /// further projection, filter or multi-select applied to each element.
    fn projection_right(&mut self, power: u8) -> Result<Ast, String> {
        match self.peek() {
            token if Self::binding_power(token) < PROJECTION_STOP => Ok(Ast::Current),
            Some(Token::Open | Token::Flatten | Token::Filter) => self.expression(power),
            Some(Token::Dot) => {
                self.next();
                self.dot_right(power)
            }
            Some(token) => Err(format!("unexpected {} after a projection", token.describe())),
            None => Ok(Ast::Current),
        }
    }

    /// The items of a multi-select list, its `[` already read.
    fn multi_select(&mut self) -> Result<Ast, String> {
        let mut items = vec![self.expression(0)?];
        loop {
            match self.next() {
                Some(Token::Comma) => items.push(self.expression(0)?),
                Some(Token::Close) => return Ok(Ast::MultiSelect(items)),
                Some(token) => return Err(format!("expected `,` or `]` in a multi-select list, found {}", token.describe())),
                None => return Err("the multi-select list is not closed".to_string()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str) -> Box<Ast> {
        Box::new(Ast::Field(name.to_string()))
    }

    fn sub(left: Box<Ast>, right: Box<Ast>) -> Box<Ast> {
        Box::new(Ast::Sub(left, right))
    }

    #[test]
    fn precedence_follows_the_reference_implementation() {
        // `&&` binds tighter than `||`, comparisons tighter than both, `!` tighter than `==`.
        assert_eq!(
            parse("a == `1` || !b && c").unwrap(),
            Ast::Or(
                Box::new(Ast::Compare(Comparison::Eq, field("a"), Box::new(Ast::Literal(serde_json::json!(1))))),
                Box::new(Ast::And(Box::new(Ast::Not(field("b"))), field("c")))
            )
        );
        // A projection's right side takes the dots after it and stops at a comparison.
        assert_eq!(
            parse("a[*].b.c == 'x'").unwrap(),
            Ast::Compare(
                Comparison::Eq,
                Box::new(Ast::Project { kind: Projection::Items, left: field("a"), right: sub(field("b"), field("c")) }),
                Box::new(Ast::Literal(Value::String("x".into())))
            )
        );
        // A pipe ends the projection: `[0]` indexes the projected list, not each element.
        assert_eq!(
            parse("a[*].b | [0]").unwrap(),
            Ast::Pipe(
                Box::new(Ast::Project { kind: Projection::Items, left: field("a"), right: field("b") }),
                Box::new(Ast::Index(Box::new(Ast::Current), 0))
            )
        );
        assert_eq!(
            parse("length(a[?s == 'X' || s == 'Y']) == length(a)").unwrap(),
            Ast::Compare(
                Comparison::Eq,
                Box::new(Ast::Function(
                    "length".into(),
                    vec![Ast::Filter {
                        left: field("a"),
                        condition: Box::new(Ast::Or(
                            Box::new(Ast::Compare(Comparison::Eq, field("s"), Box::new(Ast::Literal(Value::String("X".into()))))),
                            Box::new(Ast::Compare(Comparison::Eq, field("s"), Box::new(Ast::Literal(Value::String("Y".into())))))
                        )),
                        right: Box::new(Ast::Current),
                    }]
                )),
                Box::new(Ast::Function("length".into(), vec![Ast::Field("a".into())]))
            )
        );
        assert_eq!(parse("(a || b).c").unwrap(), Ast::Sub(Box::new(Ast::Or(field("a"), field("b"))), field("c")));
        assert_eq!(parse("a[-1]").unwrap(), Ast::Index(field("a"), -1));
    }

    #[test]
    fn literals_and_raw_strings_are_read_as_json() {
        assert_eq!(parse("`\"a\\`b\"`").unwrap(), Ast::Literal(Value::String("a`b".into())));
        assert_eq!(parse("'it\\'s \\d'").unwrap(), Ast::Literal(Value::String("it's \\d".into())));
        assert_eq!(parse("`[1, true, null]`").unwrap(), Ast::Literal(serde_json::json!([1, true, null])));
        assert_eq!(parse("\"quoted \\u0041\"").unwrap(), Ast::Field("quoted A".into()));
    }

    #[test]
    fn what_no_consumer_compiles_is_refused_with_its_name() {
        for (path, says) in [
            ("a[0:2]", "slice"),
            ("{a: b}", "multi-select hash"),
            ("sort_by(a, &b)", "expression references"),
            ("a = b", "`==`"),
            ("`nope`", "not JSON"),
            ("a[?b", "expected `]`"),
            ("length(a", "not closed"),
            ("a.", "ends after `.`"),
            ("'open", "not closed"),
            ("a ~ b", "not JMESPath"),
            (&format!("{}a{}", "(".repeat(100), ")".repeat(100)), "nests deeper"),
            (&"!".repeat(100), "nests deeper"),
            (&vec!["a"; 300].join("."), "more than 512 tokens"),
        ] {
            let message = parse(path).err().unwrap_or_else(|| panic!("{path} must be refused"));
            assert!(message.contains(says), "{path}: {message}");
        }
    }
}
