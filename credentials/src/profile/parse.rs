//! The parser of the shared config and credentials files, per the AWS SDKs' profile-file
//! specification (the rules its public parser test suite pins down).
//!
//! Lines are: blank; a comment (`#` or `;` in the first column); a section header `[...]`; a
//! property `key = value`; or a continuation, which starts with a space or tab and extends the
//! last property (or, when that property's value was empty, defines one of its
//! sub-properties). Names keep their case, as the SDKs' suite expects.

use smithy_rt::named::Named;

/// Which of the two files is being read: they name profiles differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `~/.aws/config`: `[default]`, `[profile name]`, `[sso-session name]`, `[services name]`.
    Config,
    /// `~/.aws/credentials`: `[name]`.
    Credentials,
}

/// A property's value. Its `Debug` hides the value, which may be a secret.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Property {
    value: String,
    sub_properties: Named<String>,
}

impl Property {
    /// The value, continuation lines joined with `\n`.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The sub-properties (`s3 =` followed by indented `name = value` lines).
    pub fn sub_properties(&self) -> &Named<String> {
        &self.sub_properties
    }
}

impl std::fmt::Debug for Property {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Property").field("sub_properties", &self.sub_properties.names().collect::<Vec<_>>()).finish_non_exhaustive()
    }
}

/// A named group of properties: a profile, an SSO session, a services section.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    properties: Named<Property>,
}

impl Section {
    /// The property's value, if set.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.properties.get(name).map(Property::value)
    }

    /// The property, with its sub-properties.
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.get(name)
    }

    /// Every property, by name.
    pub fn properties(&self) -> &Named<Property> {
        &self.properties
    }

    fn merge(&mut self, other: Section) {
        for (name, property) in other.properties.into_entries() {
            self.properties.insert(name, property);
        }
    }
}

/// The sections of one file, or of the config and credentials files merged.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProfileSet {
    profiles: Named<Section>,
    sso_sessions: Named<Section>,
    services: Named<Section>,
    /// By type, then name.
    other: Named<Named<Section>>,
}

impl ProfileSet {
    /// Parse the config file `config` and the credentials file `credentials` and merge them:
    /// a profile in both gets the properties of both, the credentials file's winning.
    ///
    /// # Errors
    ///
    /// The first malformed line, with the file (`config` or `credentials`) and its line number.
    pub fn parse(config: &str, credentials: &str) -> Result<ProfileSet, ParseError> {
        let mut set = ProfileSet::default();
        set.add_file(config, FileKind::Config)?;
        set.add_file(credentials, FileKind::Credentials)?;
        Ok(set)
    }

    /// Merge one more file into the set, its properties winning.
    ///
    /// # Errors
    ///
    /// The first malformed line.
    pub fn add_file(&mut self, text: &str, kind: FileKind) -> Result<(), ParseError> {
        let sections = parse_file(text, kind)?;
        // A config file's `[profile default]` makes its bare `[default]` sections ignored,
        // whichever comes first (the specification's rule, for files edited by both old and new
        // tools).
        let prefixed_default = sections.iter().any(|(header, _)| matches!(header, Header::Profile { name, bare: false } if name == "default"));
        for (header, section) in sections {
            let (map, name) = match header {
                Header::Profile { bare: true, ref name } if prefixed_default && name == "default" && kind == FileKind::Config => continue,
                Header::Profile { name, .. } => (&mut self.profiles, name),
                Header::SsoSession(name) => (&mut self.sso_sessions, name),
                Header::Services(name) => (&mut self.services, name),
                Header::Other(kind, name) => {
                    self.other.entry(&kind).entry(&name).merge(section);
                    continue;
                }
                Header::Ignored => continue,
            };
            map.entry(&name).merge(section);
        }
        Ok(())
    }

    /// The profile named `name` (`default` for `[default]`).
    pub fn profile(&self, name: &str) -> Option<&Section> {
        self.profiles.get(name)
    }

    /// Every profile, by name.
    pub fn profiles(&self) -> &Named<Section> {
        &self.profiles
    }

    /// Every `[sso-session name]` section, by name.
    pub fn sso_sessions(&self) -> &Named<Section> {
        &self.sso_sessions
    }

    /// Every `[services name]` section, by name.
    pub fn services(&self) -> &Named<Section> {
        &self.services
    }

    /// Sections of other types (`[type name]`), by type and name: kept so that newer sections
    /// are not an error, as the specification asks.
    pub fn other_sections(&self) -> &Named<Named<Section>> {
        &self.other
    }
}

/// A malformed line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The file it is in.
    pub kind: FileKind,
    /// 1-based.
    pub line: usize,
    /// What is wrong.
    pub message: &'static str,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let file = match self.kind {
            FileKind::Config => "config",
            FileKind::Credentials => "credentials",
        };
        write!(f, "the {file} file's line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Header {
    /// `bare`: `[default]` in the config file rather than `[profile default]`.
    Profile { name: String, bare: bool },
    SsoSession(String),
    Services(String),
    Other(String, String),
    /// An invalid name, or a config-file section without a type: skipped with its properties.
    Ignored,
}

/// What a continuation line continues.
enum Last {
    None,
    /// A property of an ignored section or with an invalid name: continuations are dropped.
    Ignored,
    Property { key: String, sub: bool },
}

fn parse_file(text: &str, kind: FileKind) -> Result<Vec<(Header, Section)>, ParseError> {
    let mut sections: Vec<(Header, Section)> = Vec::new();
    let mut last = Last::None;
    for (index, raw) in text.split('\n').enumerate() {
        let error = |message| ParseError { kind, line: index + 1, message };
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.starts_with(['#', ';']) {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            let Some((header, section)) = sections.last_mut() else { return Err(error("a continuation line must follow a property in a section")) };
            match &last {
                Last::None => return Err(error("a continuation line must follow a property")),
                Last::Ignored => {}
                Last::Property { key, sub } => {
                    let trimmed = line.trim();
                    let property = section.properties.entry(key);
                    if *sub {
                        let (name, value) = trimmed.split_once('=').ok_or_else(|| error("a sub-property must be `name = value`"))?;
                        let name = name.trim();
                        if name.is_empty() {
                            return Err(error("a sub-property's name cannot be empty"));
                        }
                        if valid_name(name) && *header != Header::Ignored {
                            property.sub_properties.insert(name.to_string(), value.trim().to_string());
                        }
                    }
                    property.value.push('\n');
                    property.value.push_str(trimmed);
                }
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let (inner, after) = rest.split_once(']').ok_or_else(|| error("a section header must end with `]`"))?;
            let after = after.trim();
            if !after.is_empty() && !after.starts_with(['#', ';']) {
                return Err(error("only a comment may follow a section header"));
            }
            let header = header(inner.trim(), kind).map_err(error)?;
            sections.push((header, Section::default()));
            last = Last::None;
            continue;
        }
        let Some((header, section)) = sections.last_mut() else { return Err(error("a property must follow a section header such as `[default]`")) };
        let (key, value) = line.split_once('=').ok_or_else(|| error("a property must be `name = value`"))?;
        let key = key.trim();
        if key.is_empty() {
            return Err(error("a property's name cannot be empty"));
        }
        if *header == Header::Ignored || !valid_name(key) {
            last = Last::Ignored;
            continue;
        }
        let value = strip_comment(value).trim();
        section.properties.insert(key.to_string(), Property { value: value.to_string(), sub_properties: Named::default() });
        last = Last::Property { key: key.to_string(), sub: value.is_empty() };
    }
    Ok(sections)
}

/// Classify a section header's trimmed contents.
fn header(inner: &str, kind: FileKind) -> Result<Header, &'static str> {
    let typed = inner.split_once([' ', '\t']).map(|(kind, name)| (kind, name.trim()));
    let named = |name: &str, make: fn(String) -> Header| if valid_name(name) { make(name.to_string()) } else { Header::Ignored };
    Ok(match kind {
        FileKind::Credentials => match typed {
            Some(("sso-session", _)) => return Err("`[sso-session ...]` sections belong in the config file"),
            _ => named(inner, |name| Header::Profile { name, bare: true }),
        },
        FileKind::Config => match typed {
            None if inner == "default" => Header::Profile { name: inner.to_string(), bare: true },
            None => Header::Ignored,
            Some(("profile", name)) => named(name, |name| Header::Profile { name, bare: false }),
            Some(("sso-session", name)) => named(name, Header::SsoSession),
            Some(("services", name)) => named(name, Header::Services),
            Some((other, name)) if valid_name(other) && valid_name(name) => Header::Other(other.to_string(), name.to_string()),
            Some(_) => Header::Ignored,
        },
    })
}

/// Profile, section and property names: ASCII letters and digits plus the punctuation the
/// SDKs accept in real-world names (`-_/.%@:+`); anything else (a space) makes it invalid.
fn valid_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "-_/.%@:+".contains(c))
}

/// A value's comment starts at a `#` or `;` after whitespace; adjacent ones are part of the
/// value (URLs and passwords contain them).
fn strip_comment(value: &str) -> &str {
    let bytes = value.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if (b == b'#' || b == b';') && i > 0 && (bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') {
            return &value[..i];
        }
    }
    value
}
