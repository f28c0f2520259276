//! `@pattern` matching: the translated expressions of a [`Pattern`] compiled once, on first use.

use crate::schema::Pattern;

/// The `regex` size limit of every expression (64 MiB), the one the generator compiled them with:
/// above `regex`'s default because the room an expression needs grows with the `regex` features
/// an application enables (`perf-dfa` also builds a reverse automaton).
pub const SIZE_LIMIT_MIB: usize = 64;

/// The compiled expressions: `None` for one that did not compile here.
pub(crate) struct Compiled {
    main: Option<regex::Regex>,
    required: Vec<regex::Regex>,
    excluded: Vec<regex::Regex>,
}

fn compile(source: &str) -> Option<regex::Regex> {
    regex::RegexBuilder::new(source).size_limit(SIZE_LIMIT_MIB << 20).build().ok()
}

impl Pattern {
    /// Whether `value` satisfies the model's pattern.
    ///
    /// The generator compiled every expression with the same builder before emitting it, but
    /// `regex` features enabled elsewhere in the application can need more room than its build
    /// did. An expression that fails anyway is left out rather than panicking: the client then
    /// accepts values the pattern would reject (the service still checks them) and every other
    /// constraint keeps working.
    pub fn is_match(&self, value: &str) -> bool {
        let compiled = self.compiled.get_or_init(|| Compiled {
            main: compile(self.regex),
            required: self.requirements.iter().filter_map(|s| compile(s)).collect(),
            excluded: self.exclusions.iter().filter_map(|s| compile(s)).collect(),
        });
        compiled.main.as_ref().is_none_or(|r| r.is_match(value))
            && compiled.required.iter().all(|r| r.is_match(value))
            && !compiled.excluded.iter().any(|r| r.is_match(value))
    }
}
