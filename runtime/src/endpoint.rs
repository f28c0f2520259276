//! The functions endpoint rule sets call: the Smithy rules engine standard library (`isValidHostLabel`,
//! `parseURL`, `substring`, `uriEncode`) and the AWS library (`aws.partition`, `aws.parseArn`,
//! `aws.isVirtualHostableS3Bucket`), plus the [`Endpoint`] and [`ResolveError`] a resolver returns
//! and [`bind`], which reads the parameters an operation binds from its input.
//!
//! The resolver in a generated crate's `endpoint` module is generated from the service's rule set and calls these;
//! they are public so callers can reuse them (for example to look up a region's [`Partition`]).

/// A resolved endpoint: the URL to send requests to, headers to add, and free-form properties
/// (such as `authSchemes`) the rule set attaches.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
pub struct Endpoint {
    url: ::std::string::String,
    headers: ::std::vec::Vec<(::std::string::String, ::std::vec::Vec<::std::string::String>)>,
    /// Not a map: every generated crate builds and drops endpoints, and a map's code would be
    /// compiled into each of them.
    properties: crate::named::Named<crate::primitives::Document>,
}

impl Endpoint {
    /// An endpoint at `url` without headers or properties.
    pub fn new(url: impl ::std::convert::Into<::std::string::String>) -> Self {
        Endpoint {
            url: url.into(),
            headers: ::std::vec::Vec::new(),
            properties: crate::named::Named::default(),
        }
    }

    /// Add a header with its values (in the order the rule set lists them).
    pub fn with_header(
        mut self,
        name: impl ::std::convert::Into<::std::string::String>,
        values: ::std::vec::Vec<::std::string::String>,
    ) -> Self {
        self.headers.push((name.into(), values));
        self
    }

    /// Set a property.
    pub fn with_property(
        self,
        name: impl ::std::convert::Into<::std::string::String>,
        value: crate::primitives::Document,
    ) -> Self {
        self.set_property(name.into(), value)
    }

    /// Not generic, so the property table's code is compiled here once.
    fn set_property(mut self, name: ::std::string::String, value: crate::primitives::Document) -> Self {
        self.properties.insert(name, value);
        self
    }

    /// The URL requests go to (scheme, authority and an optional base path).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Headers to send with every request to this endpoint, as name and values.
    pub fn headers(&self) -> &[(::std::string::String, ::std::vec::Vec<::std::string::String>)] {
        &self.headers
    }

    /// The values of one header (names compare case-insensitively), if the endpoint sets it.
    pub fn header(&self, name: &str) -> ::std::option::Option<&[::std::string::String]> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, values)| values.as_slice())
    }

    /// Every property the rule set attached, in name order.
    pub fn properties(&self) -> &crate::named::Named<crate::primitives::Document> {
        &self.properties
    }

    /// One property, such as `authSchemes`.
    pub fn property(&self, name: &str) -> ::std::option::Option<&crate::primitives::Document> {
        self.properties.get(name)
    }
}

/// Why no endpoint could be resolved: an error rule of the rule set matched (its message is
/// shown as written), a required parameter is missing, or no rule matched.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq)]
pub struct ResolveError {
    message: ::std::string::String,
}

impl ResolveError {
    /// An error with this message.
    pub fn new(message: impl ::std::convert::Into<::std::string::String>) -> Self {
        ResolveError { message: message.into() }
    }

    /// The message, exactly as the rule set words it.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl ::std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ::std::error::Error for ResolveError {}

/// A value a call binds to a rule-set parameter, borrowed from the input where it comes from
/// there.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq)]
pub enum ParamValue<'a> {
    /// A `string` parameter.
    String(&'a str),
    /// A `boolean` parameter.
    Bool(bool),
    /// A `stringArray` parameter.
    Strings(::std::vec::Vec<&'a str>),
}

/// The rule-set parameters a call of `op` with `input` binds, as (parameter index, value), least
/// specific first: a resolver applying them in order over the client's settings ends with the
/// value the rules engine specification says wins. Parameters whose path reaches nothing set
/// are left out.
///
/// # Errors
///
/// When a `@required` string member bound with `contextParam` is unset, empty or only
/// whitespace: the specification forbids sending such a request, since the service could not
/// route it.
pub fn bind<'a>(
    op: &crate::schema::Operation,
    input: &'a dyn crate::value::Structure,
) -> ::std::result::Result<::std::vec::Vec<(usize, ParamValue<'a>)>, ResolveError> {
    use crate::schema::{ContextValue, ParamKind, PathStep};
    let mut bound = ::std::vec::Vec::with_capacity(op.endpoint_params.len());
    for param in op.endpoint_params {
        let value = match param.value {
            ContextValue::Bool(b) => ParamValue::Bool(b),
            ContextValue::String(s) => ParamValue::String(s),
            ContextValue::Strings(items) => ParamValue::Strings(items.to_vec()),
            ContextValue::Input { kind, path } => {
                let mut found = ::std::vec::Vec::new();
                reach(crate::value::View::Structure(op.input, input), path, &mut found);
                let value = match kind {
                    ParamKind::String => found.first().and_then(|f| text(*f)).map(ParamValue::String),
                    ParamKind::Bool => match found.first() {
                        ::std::option::Option::Some(Found::Value(crate::value::View::Bool(b))) => ::std::option::Option::Some(ParamValue::Bool(*b)),
                        _ => ::std::option::Option::None,
                    },
                    ParamKind::Strings => {
                        let items: ::std::vec::Vec<&str> = found.iter().filter_map(|f| text(*f)).collect();
                        (!items.is_empty()).then_some(ParamValue::Strings(items))
                    }
                };
                if let [PathStep::Member(index)] = path {
                    let blank = match &value {
                        ::std::option::Option::Some(ParamValue::String(s)) => s.trim().is_empty(),
                        ::std::option::Option::None => kind == ParamKind::String,
                        _ => false,
                    };
                    if let ::std::option::Option::Some(member) = op.input.members.get(*index).filter(|m| m.required && blank) {
                        return ::std::result::Result::Err(ResolveError::new(::std::format!(
                            "`{}` must be set and not blank: the endpoint rules route the request by it",
                            member.name
                        )));
                    }
                }
                match value {
                    ::std::option::Option::Some(value) => value,
                    ::std::option::Option::None => continue,
                }
            }
        };
        bound.push((param.param, value));
    }
    ::std::result::Result::Ok(bound)
}

/// What a path reaches: a value, or the text of a map key (`keys(...)`).
#[derive(::std::clone::Clone, ::std::marker::Copy)]
enum Found<'a> {
    Value(crate::value::View<'a>),
    Key(&'a str),
}

/// Everything `steps` reach from `view`, in order, into `out`; unset values drop out, and map
/// entries come in key order so the same input always binds the same array.
fn reach<'a>(view: crate::value::View<'a>, steps: &[crate::schema::PathStep], out: &mut ::std::vec::Vec<Found<'a>>) {
    use crate::schema::PathStep;
    use crate::value::View;
    if matches!(view, View::Null) {
        return;
    }
    let ::std::option::Option::Some((step, rest)) = steps.split_first() else {
        out.push(Found::Value(view));
        return;
    };
    match (step, view) {
        (PathStep::Member(index), View::Structure(_, structure)) => {
            if let ::std::option::Option::Some(member) = structure.member(*index).and_then(|slot| slot.get()) {
                reach(member.view(), rest, out);
            }
        }
        (PathStep::Member(index), View::Union(_, union)) => {
            if let ::std::option::Option::Some((set, ::std::option::Option::Some(member))) = union.variant() {
                if set == *index {
                    reach(member.view(), rest, out);
                }
            }
        }
        (PathStep::Items, View::List(list)) => {
            for item in (0..list.len()).filter_map(|i| list.item(i)) {
                reach(item.view(), rest, out);
            }
        }
        (PathStep::Values, View::Map(map)) => {
            for (_, item) in crate::value::sorted_entries(map) {
                reach(item.view(), rest, out);
            }
        }
        // `keys(...)` ends a path: codegen allows nothing after it.
        (PathStep::Keys, View::Map(map)) => out.extend(crate::value::sorted_entries(map).into_iter().map(|(key, _)| Found::Key(key))),
        (PathStep::Select(paths), _) => {
            let mut picked = ::std::vec::Vec::new();
            for path in *paths {
                reach(view, path, &mut picked);
            }
            for found in picked {
                match found {
                    Found::Value(item) => reach(item, rest, out),
                    Found::Key(_) if rest.is_empty() => out.push(found),
                    Found::Key(_) => {}
                }
            }
        }
        // Codegen typed every path against the input's shapes; a value of another kind has
        // nothing there.
        _ => {}
    }
}

/// The text of a string, a string enum value or a map key.
fn text(found: Found<'_>) -> ::std::option::Option<&str> {
    match found {
        Found::Key(key) | Found::Value(crate::value::View::String(key) | crate::value::View::Enum { value: key, .. }) => {
            ::std::option::Option::Some(key)
        }
        Found::Value(_) => ::std::option::Option::None,
    }
}

/// `isValidHostLabel`: whether `value` is an RFC 1123 host label (1 to 63 ASCII letters, digits
/// and hyphens, neither starting nor ending with a hyphen). With `allow_sub_domains`, every
/// `.`-separated part must be one.
pub fn is_valid_host_label(value: &str, allow_sub_domains: bool) -> bool {
    if allow_sub_domains {
        return value.split('.').all(|label| is_valid_host_label(label, false));
    }
    (1..=63).contains(&value.len())
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !value.starts_with('-')
        && !value.ends_with('-')
}

/// A URL as `parseURL` returns it.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq)]
pub struct Url {
    scheme: ::std::string::String,
    authority: ::std::string::String,
    path: ::std::string::String,
    normalized_path: ::std::string::String,
    is_ip: bool,
}

impl Url {
    /// The scheme without `://`, such as `https`.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// The host and port as written, without any user info.
    pub fn authority(&self) -> &str {
        &self.authority
    }

    /// The path exactly as written (empty when the URL has none).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The path, starting and ending with `/`.
    pub fn normalized_path(&self) -> &str {
        &self.normalized_path
    }

    /// Whether the host is an IPv4 address or a bracketed IPv6 address.
    pub fn is_ip(&self) -> bool {
        self.is_ip
    }
}

/// `parseURL`: split an `http` or `https` URL into its parts; `None` when it is not such a URL
/// or carries a query or fragment (which the rules engine rejects).
pub fn parse_url(value: &str) -> ::std::option::Option<Url> {
    let (scheme, rest) = value.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return ::std::option::Option::None;
    }
    if rest.contains(['?', '#']) || rest.bytes().any(|b| b.is_ascii_whitespace() || b.is_ascii_control()) {
        return ::std::option::Option::None;
    }
    let (authority, path) = match rest.find('/') {
        ::std::option::Option::Some(at) => rest.split_at(at),
        ::std::option::Option::None => (rest, ""),
    };
    let authority = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let host = host_of(authority)?;
    if host.is_empty() {
        return ::std::option::Option::None;
    }
    let is_ip = host.starts_with('[') || is_ipv4(host);
    let mut normalized_path = ::std::string::String::with_capacity(path.len() + 2);
    if !path.starts_with('/') {
        normalized_path.push('/');
    }
    normalized_path.push_str(path);
    if !normalized_path.ends_with('/') {
        normalized_path.push('/');
    }
    ::std::option::Option::Some(Url {
        scheme: scheme.to_string(),
        authority: authority.to_string(),
        path: path.to_string(),
        normalized_path,
        is_ip,
    })
}

/// The host of an authority (`host`, `host:port`, `[v6]` or `[v6]:port`), checking the port.
fn host_of(authority: &str) -> ::std::option::Option<&str> {
    let (host, port) = if authority.starts_with('[') {
        let end = authority.find(']')?;
        let (host, rest) = authority.split_at(end + 1);
        let inner = &host[1..host.len() - 1];
        if inner.is_empty() || !inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.') {
            return ::std::option::Option::None;
        }
        match rest {
            "" => (host, ::std::option::Option::None),
            _ => (host, ::std::option::Option::Some(rest.strip_prefix(':')?)),
        }
    } else {
        match authority.split_once(':') {
            ::std::option::Option::Some((host, port)) => (host, ::std::option::Option::Some(port)),
            ::std::option::Option::None => (authority, ::std::option::Option::None),
        }
    };
    if let ::std::option::Option::Some(port) = port {
        if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) || port.parse::<u16>().is_err() {
            return ::std::option::Option::None;
        }
    }
    ::std::option::Option::Some(host)
}

/// Four dot-separated decimal numbers of at most 255 each.
fn is_ipv4(host: &str) -> bool {
    let parts: ::std::vec::Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|part| {
            !part.is_empty() && part.len() <= 3 && part.bytes().all(|b| b.is_ascii_digit()) && part.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// `substring`: the characters from `start` (inclusive) to `stop` (exclusive), counted from the
/// end when `reverse` is set. `None` when the input is too short, `start >= stop`, or the input
/// is not ASCII.
pub fn substring(input: &str, start: usize, stop: usize, reverse: bool) -> ::std::option::Option<&str> {
    if start >= stop || input.len() < stop || !input.is_ascii() {
        return ::std::option::Option::None;
    }
    let (from, to) = if reverse { (input.len() - stop, input.len() - start) } else { (start, stop) };
    input.get(from..to)
}

/// `uriEncode`: RFC 3986 percent-encoding of everything but the unreserved characters
/// (`A-Z a-z 0-9 - _ . ~`), with uppercase hexadecimal digits.
pub fn uri_encode(value: &str) -> ::std::string::String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = ::std::string::String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

/// An AWS partition, as `aws.partition` returns it: a group of regions sharing DNS suffixes and
/// capabilities.
#[derive(::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq)]
pub struct Partition {
    name: &'static str,
    region_regex: &'static str,
    regions: &'static [&'static str],
    dns_suffix: &'static str,
    dual_stack_dns_suffix: &'static str,
    supports_fips: bool,
    supports_dual_stack: bool,
    implicit_global_region: &'static str,
}

impl Partition {
    /// The partition's name, such as `aws` or `aws-cn`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The regular expression region names of this partition match (ECMA-262 syntax, as AWS
    /// publishes it).
    pub fn region_regex(&self) -> &'static str {
        self.region_regex
    }

    /// The regions this partition lists by name (including its `*-global` pseudo-region).
    pub fn regions(&self) -> &'static [&'static str] {
        self.regions
    }

    /// The default DNS suffix, such as `amazonaws.com`.
    pub fn dns_suffix(&self) -> &'static str {
        self.dns_suffix
    }

    /// The DNS suffix of dual-stack (IPv4 and IPv6) endpoints, such as `api.aws`.
    pub fn dual_stack_dns_suffix(&self) -> &'static str {
        self.dual_stack_dns_suffix
    }

    /// Whether the partition offers FIPS endpoints.
    pub fn supports_fips(&self) -> bool {
        self.supports_fips
    }

    /// Whether the partition offers dual-stack endpoints.
    pub fn supports_dual_stack(&self) -> bool {
        self.supports_dual_stack
    }

    /// The region global services of this partition are served from.
    pub fn implicit_global_region(&self) -> &'static str {
        self.implicit_global_region
    }
}

/// The AWS partitions, in lookup order (the public partition data of the AWS SDKs).
pub static PARTITIONS: &[Partition] = &[
    Partition {
        name: "aws",
        region_regex: "^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$",
        regions: &[
            "af-south-1",
            "ap-east-1",
            "ap-east-2",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-south-1",
            "ap-south-2",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-southeast-3",
            "ap-southeast-4",
            "ap-southeast-5",
            "ap-southeast-6",
            "ap-southeast-7",
            "aws-global",
            "ca-central-1",
            "ca-west-1",
            "eu-central-1",
            "eu-central-2",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "il-central-1",
            "me-central-1",
            "me-south-1",
            "mx-central-1",
            "sa-east-1",
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
        ],
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-east-1",
    },
    Partition {
        name: "aws-cn",
        region_regex: "^cn\\-\\w+\\-\\d+$",
        regions: &["aws-cn-global", "cn-north-1", "cn-northwest-1"],
        dns_suffix: "amazonaws.com.cn",
        dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "cn-northwest-1",
    },
    Partition {
        name: "aws-us-gov",
        region_regex: "^us\\-gov\\-\\w+\\-\\d+$",
        regions: &["aws-us-gov-global", "us-gov-east-1", "us-gov-west-1"],
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-gov-west-1",
    },
    Partition {
        name: "aws-iso",
        region_regex: "^us\\-iso\\-\\w+\\-\\d+$",
        regions: &["aws-iso-global", "us-iso-east-1", "us-iso-west-1"],
        dns_suffix: "c2s.ic.gov",
        dual_stack_dns_suffix: "api.aws.ic.gov",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-iso-east-1",
    },
    Partition {
        name: "aws-iso-b",
        region_regex: "^us\\-isob\\-\\w+\\-\\d+$",
        regions: &["aws-iso-b-global", "us-isob-east-1", "us-isob-west-1"],
        dns_suffix: "sc2s.sgov.gov",
        dual_stack_dns_suffix: "api.aws.scloud",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-isob-east-1",
    },
    Partition {
        name: "aws-iso-e",
        region_regex: "^eu\\-isoe\\-\\w+\\-\\d+$",
        regions: &["aws-iso-e-global", "eu-isoe-west-1"],
        dns_suffix: "cloud.adc-e.uk",
        dual_stack_dns_suffix: "api.cloud-aws.adc-e.uk",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "eu-isoe-west-1",
    },
    Partition {
        name: "aws-iso-f",
        region_regex: "^us\\-isof\\-\\w+\\-\\d+$",
        regions: &["aws-iso-f-global", "us-isof-east-1", "us-isof-south-1"],
        dns_suffix: "csp.hci.ic.gov",
        dual_stack_dns_suffix: "api.aws.hci.ic.gov",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "us-isof-south-1",
    },
    Partition {
        name: "aws-eusc",
        region_regex: "^eusc\\-(de)\\-\\w+\\-\\d+$",
        regions: &["eusc-de-east-1"],
        dns_suffix: "amazonaws.eu",
        dual_stack_dns_suffix: "api.amazonwebservices.eu",
        supports_fips: true,
        supports_dual_stack: true,
        implicit_global_region: "eusc-de-east-1",
    },
];

/// `aws.partition`: the partition of a region. A region a partition lists by name wins, then the
/// first partition whose region pattern matches; like the AWS SDKs, any other region falls back
/// to the `aws` partition, so this only returns `None` if that partition were missing.
pub fn partition(region: &str) -> ::std::option::Option<&'static Partition> {
    PARTITIONS
        .iter()
        .find(|p| p.regions.contains(&region))
        .or_else(|| PARTITIONS.iter().find(|p| region_matches(p.region_regex, region)))
        .or_else(|| PARTITIONS.iter().find(|p| p.name == "aws"))
}

/// One element of a region pattern: a literal, `\w`, `\d`, `.` or a group of alternatives,
/// optionally repeated with `+`.
#[derive(::std::clone::Clone)]
enum Atom {
    Char(char),
    Word,
    Digit,
    Any,
    Group(::std::vec::Vec<::std::vec::Vec<(Atom, bool)>>),
}

/// Whether `region` matches `regex`, an anchored pattern in the small ECMA-262 subset partition
/// data uses (literals, `\-`, `\w`, `\d`, `.`, `+` and `(a|b)` groups). Any other syntax matches nothing.
fn region_matches(regex: &str, region: &str) -> bool {
    let ::std::option::Option::Some(body) = regex.strip_prefix('^').and_then(|r| r.strip_suffix('$')) else {
        return false;
    };
    let chars: ::std::vec::Vec<char> = body.chars().collect();
    let mut at = 0;
    let ::std::option::Option::Some(pieces) = parse_sequence(&chars, &mut at) else {
        return false;
    };
    if at != chars.len() {
        return false;
    }
    let text: ::std::vec::Vec<char> = region.chars().collect();
    match_pieces(&pieces, &text)
}

fn parse_sequence(chars: &[char], at: &mut usize) -> ::std::option::Option<::std::vec::Vec<(Atom, bool)>> {
    let mut pieces = ::std::vec::Vec::new();
    while let ::std::option::Option::Some(&c) = chars.get(*at) {
        let atom = match c {
            '|' | ')' => break,
            '\\' => {
                *at += 1;
                match chars.get(*at)? {
                    'w' => Atom::Word,
                    'd' => Atom::Digit,
                    other if other.is_ascii_alphanumeric() => return ::std::option::Option::None,
                    other => Atom::Char(*other),
                }
            }
            '(' => {
                *at += 1;
                let mut alternatives = ::std::vec::Vec::new();
                loop {
                    alternatives.push(parse_sequence(chars, at)?);
                    match chars.get(*at)? {
                        '|' => *at += 1,
                        ')' => break,
                        _ => return ::std::option::Option::None,
                    }
                }
                Atom::Group(alternatives)
            }
            '.' => Atom::Any,
            '*' | '?' | '+' | '[' | ']' | '{' | '}' | '^' | '$' => return ::std::option::Option::None,
            other => Atom::Char(other),
        };
        *at += 1;
        let plus = chars.get(*at) == ::std::option::Option::Some(&'+');
        if plus {
            if matches!(atom, Atom::Group(_)) {
                return ::std::option::Option::None;
            }
            *at += 1;
        }
        pieces.push((atom, plus));
    }
    ::std::option::Option::Some(pieces)
}

fn match_one(atom: &Atom, c: char) -> bool {
    match atom {
        Atom::Char(expected) => *expected == c,
        Atom::Word => c.is_ascii_alphanumeric() || c == '_',
        Atom::Digit => c.is_ascii_digit(),
        Atom::Any => c != '\n' && c != '\r',
        Atom::Group(_) => false,
    }
}

/// Backtracking match of the whole of `text`.
fn match_pieces(pieces: &[(Atom, bool)], text: &[char]) -> bool {
    let ::std::option::Option::Some(((atom, plus), rest)) = pieces.split_first() else {
        return text.is_empty();
    };
    if let Atom::Group(alternatives) = atom {
        return alternatives.iter().any(|alternative| {
            let mut joined = alternative.clone();
            joined.extend(rest.iter().cloned());
            match_pieces(&joined, text)
        });
    }
    if !*plus {
        return text.first().is_some_and(|&c| match_one(atom, c)) && match_pieces(rest, &text[1..]);
    }
    let longest = text.iter().take_while(|&&c| match_one(atom, c)).count();
    (1..=longest).rev().any(|taken| match_pieces(rest, &text[taken..]))
}

/// An ARN as `aws.parseArn` returns it.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq)]
pub struct Arn {
    partition: ::std::string::String,
    service: ::std::string::String,
    region: ::std::string::String,
    account_id: ::std::string::String,
    resource_id: ::std::vec::Vec<::std::string::String>,
}

impl Arn {
    /// The partition, such as `aws`.
    pub fn partition(&self) -> &str {
        &self.partition
    }

    /// The service namespace, such as `s3`.
    pub fn service(&self) -> &str {
        &self.service
    }

    /// The region; empty for resources that are not regional.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The account id; empty for resources that belong to no account.
    pub fn account_id(&self) -> &str {
        &self.account_id
    }

    /// The resource part, split on `:` and `/`.
    pub fn resource_id(&self) -> &[::std::string::String] {
        &self.resource_id
    }
}

/// `aws.parseArn`: split `arn:partition:service:region:account-id:resource` into its parts;
/// `None` unless it starts with `arn:` and partition, service and resource are all non-empty.
pub fn parse_arn(value: &str) -> ::std::option::Option<Arn> {
    let mut parts = value.splitn(6, ':');
    let (arn, partition, service, region, account_id, resource) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if arn != "arn" || partition.is_empty() || service.is_empty() || resource.is_empty() {
        return ::std::option::Option::None;
    }
    ::std::option::Option::Some(Arn {
        partition: partition.to_string(),
        service: service.to_string(),
        region: region.to_string(),
        account_id: account_id.to_string(),
        resource_id: resource.split([':', '/']).map(str::to_string).collect(),
    })
}

/// `aws.isVirtualHostableS3Bucket`: whether `value` can be an S3 bucket in a virtual-hosted URL:
/// a host label of 3 to 63 characters without uppercase letters that is not an IP address. With
/// `allow_sub_domains`, every `.`-separated part must be one.
pub fn is_virtual_hostable_s3_bucket(value: &str, allow_sub_domains: bool) -> bool {
    let hostable = |label: &str| {
        is_valid_host_label(label, false) && (3..=63).contains(&label.len()) && !label.bytes().any(|b| b.is_ascii_uppercase())
    };
    if is_ipv4(value) {
        return false;
    }
    if allow_sub_domains { value.split('.').all(hostable) } else { hostable(value) }
}
