//! An independent AWS Signature Version 4 verifier (header-based `AWS4-HMAC-SHA256` only), for
//! checking what the generated client puts on the wire.
//!
//! It shares no code with the `aws-sigv4` crate the client signs with: it is written from the
//! SigV4 specification and proven against the published signing test suite
//! (`tests/tests/sigv4_vectors.rs`). Only `sha2`, `hmac` and `hex` are used.
//!
//! Rules implemented (non-S3 services unless [`VerifyOptions`] says otherwise):
//! - canonical URI: the request path, dot segments removed and empty segments merged
//!   (RFC 3986 section 5.2.4; trailing slash kept), then URI-encoded once more, so the path as
//!   sent on the wire is double-encoded (`%3A` becomes `%253A`); `/` is never encoded;
//! - canonical query: `&`-separated pairs split at the first `=`, each side percent-decoded
//!   (`+` read as a space, as form decoding does) and re-encoded with only the unreserved
//!   characters `A-Z a-z 0-9 - _ . ~` left bare, sorted by encoded name then encoded value;
//! - canonical headers: the signed names (lowercase, sorted), each with every value the request
//!   carries under that name in arrival order, trimmed and with runs of spaces collapsed to one,
//!   joined by `,`;
//! - hashed payload: the `x-amz-content-sha256` header when present (it must then match the body
//!   when it is a hex digest), else the hex SHA-256 of the body;
//! - string to sign: `AWS4-HMAC-SHA256`, the `X-Amz-Date` value, the credential scope and the hex
//!   SHA-256 of the canonical request; the key is derived as
//!   `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The only algorithm accepted in the `Authorization` header.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// The hex SHA-256 of an empty payload.
pub const EMPTY_PAYLOAD_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// One HTTP request as the server saw it.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// `GET`, `POST`, ... exactly as on the request line.
    pub method: &'a str,
    /// The path as on the request line (still percent-encoded), without the query.
    pub path: &'a str,
    /// The raw query string after `?` (empty when there is none).
    pub query: &'a str,
    /// Header names and values in arrival order (names in any case, values untrimmed is fine).
    pub headers: &'a [(String, String)],
    /// The body bytes.
    pub body: &'a [u8],
}

impl<'a> Request<'a> {
    /// Every value carried under `name` (case-insensitive), in arrival order.
    pub fn header_values(&self, name: &str) -> Vec<&'a str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The single value of `name`, `Ok(None)` when absent, an error when repeated.
    pub fn single_header(&self, name: &str) -> Result<Option<&'a str>, String> {
        match self.header_values(name).as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(one)),
            many => Err(format!("header {name} appears {} times", many.len())),
        }
    }
}

/// How the canonical URI is built: AWS services other than S3 normalize and double-encode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerifyOptions {
    /// Remove `.`/`..` segments and merge repeated slashes before encoding.
    pub normalize_path: bool,
    /// Encode the (already encoded) wire path once more, so `%` becomes `%25`. When false, the
    /// path is encoded only where it is not already: existing `%XX` escapes are kept.
    pub double_encode_path: bool,
}

impl VerifyOptions {
    /// Every AWS service except S3 (the default).
    pub const STANDARD: VerifyOptions = VerifyOptions {
        normalize_path: true,
        double_encode_path: true,
    };
    /// S3's rules: the path is taken as it is, encoded once.
    pub const S3: VerifyOptions = VerifyOptions {
        normalize_path: false,
        double_encode_path: false,
    };
}

impl Default for VerifyOptions {
    fn default() -> Self {
        Self::STANDARD
    }
}

/// What a valid signature said about its signer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureInfo {
    /// The access key id from the credential scope.
    pub access_key: String,
    /// The scope date, `YYYYMMDD`.
    pub date: String,
    /// The full `X-Amz-Date` value, `YYYYMMDDTHHMMSSZ`.
    pub amz_date: String,
    /// The scope region.
    pub region: String,
    /// The scope service (signing name).
    pub service: String,
    /// The `SignedHeaders` list, in its (sorted, lowercase) order.
    pub signed_headers: Vec<String>,
    /// An `x-amz-security-token` header is present and is one of the signed headers.
    pub has_session_token: bool,
}

/// The three parts of an `AWS4-HMAC-SHA256` `Authorization` header value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedAuthorization {
    /// The access key id.
    pub access_key: String,
    /// The scope date, `YYYYMMDD`.
    pub date: String,
    /// The scope region.
    pub region: String,
    /// The scope service.
    pub service: String,
    /// The signed header names as listed.
    pub signed_headers: Vec<String>,
    /// The hex signature as given.
    pub signature: String,
}

impl ParsedAuthorization {
    /// `DATE/REGION/SERVICE/aws4_request`.
    pub fn scope(&self) -> String {
        format!(
            "{}/{}/{}/aws4_request",
            self.date, self.region, self.service
        )
    }
}

/// Parses `AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request,
/// SignedHeaders=a;b, Signature=hex` (whitespace after the commas optional).
pub fn parse_authorization(value: &str) -> Result<ParsedAuthorization, String> {
    let value = value.trim();
    let rest = value
        .strip_prefix(ALGORITHM)
        .and_then(|r| r.strip_prefix(' '))
        .ok_or_else(|| format!("authorization does not start with `{ALGORITHM} `: {value:?}"))?;
    let (mut credential, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let part = part.trim();
        let (key, val) = part
            .split_once('=')
            .ok_or_else(|| format!("authorization component without `=`: {part:?}"))?;
        let slot = match key {
            "Credential" => &mut credential,
            "SignedHeaders" => &mut signed,
            "Signature" => &mut signature,
            other => return Err(format!("unknown authorization component {other:?}")),
        };
        if slot.replace(val).is_some() {
            return Err(format!("authorization component {key} repeated"));
        }
    }
    let credential = credential.ok_or("authorization has no Credential")?;
    let signed = signed.ok_or("authorization has no SignedHeaders")?;
    let signature = signature.ok_or("authorization has no Signature")?;

    let fields: Vec<&str> = credential.split('/').collect();
    let [access_key, date, region, service, terminator] = fields.as_slice() else {
        return Err(format!(
            "credential is not AKID/DATE/REGION/SERVICE/aws4_request: {credential:?}"
        ));
    };
    if *terminator != "aws4_request" {
        return Err(format!(
            "credential scope ends in {terminator:?}, not aws4_request"
        ));
    }
    if access_key.is_empty() || region.is_empty() || service.is_empty() {
        return Err(format!("credential has an empty field: {credential:?}"));
    }
    if date.len() != 8 || !date.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("credential date is not YYYYMMDD: {date:?}"));
    }

    let signed_headers: Vec<String> = signed.split(';').map(str::to_owned).collect();
    if signed_headers
        .iter()
        .any(|h| h.is_empty() || *h != h.to_ascii_lowercase())
    {
        return Err(format!(
            "SignedHeaders has an empty or non-lowercase name: {signed:?}"
        ));
    }
    if signed_headers.windows(2).any(|w| w[0] >= w[1]) {
        return Err(format!(
            "SignedHeaders is not sorted without duplicates: {signed:?}"
        ));
    }
    if signature.len() != 64
        || !signature
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return Err(format!(
            "signature is not 64 lowercase hex digits: {signature:?}"
        ));
    }
    Ok(ParsedAuthorization {
        access_key: (*access_key).to_owned(),
        date: (*date).to_owned(),
        region: (*region).to_owned(),
        service: (*service).to_owned(),
        signed_headers,
        signature: signature.to_owned(),
    })
}

/// Verifies `request` with the rules of every service except S3. `secret_for` maps an access
/// key id to its secret key (`None`: unknown key).
pub fn verify(
    request: &Request<'_>,
    secret_for: impl Fn(&str) -> Option<String>,
) -> Result<SignatureInfo, String> {
    verify_with_options(request, secret_for, VerifyOptions::STANDARD)
}

/// Verifies `request` with the given canonical-URI rules. The error names the part that
/// differed and, for a signature mismatch, shows the canonical request and string to sign.
pub fn verify_with_options(
    request: &Request<'_>,
    secret_for: impl Fn(&str) -> Option<String>,
    options: VerifyOptions,
) -> Result<SignatureInfo, String> {
    let authorization = request
        .single_header("authorization")?
        .ok_or("request has no Authorization header")?;
    let auth = parse_authorization(authorization)?;

    if !auth.signed_headers.iter().any(|h| h == "host") {
        return Err(format!(
            "host is not signed (SignedHeaders={})",
            auth.signed_headers.join(";")
        ));
    }
    if auth.signed_headers.iter().any(|h| h == "authorization") {
        return Err("authorization itself is listed in SignedHeaders".to_owned());
    }
    for name in &auth.signed_headers {
        if request.header_values(name).is_empty() {
            return Err(format!("signed header {name} is not in the request"));
        }
    }

    let amz_date = request
        .single_header("x-amz-date")?
        .ok_or("request has no X-Amz-Date header")?
        .trim();
    check_amz_date(amz_date)?;
    if amz_date[..8] != auth.date {
        return Err(format!(
            "X-Amz-Date {amz_date} is not on the credential date {}",
            auth.date
        ));
    }

    let body_hash = hex_sha256(request.body);
    let payload_hash = match request.single_header("x-amz-content-sha256")? {
        Some(declared) => {
            let declared = declared.trim();
            let is_digest = declared.len() == 64 && declared.bytes().all(|b| b.is_ascii_hexdigit());
            if is_digest && declared != body_hash {
                return Err(format!(
                    "x-amz-content-sha256 is {declared} but the body ({} bytes) hashes to {body_hash}",
                    request.body.len()
                ));
            }
            declared.to_owned()
        }
        None => body_hash,
    };

    let signed: Vec<&str> = auth.signed_headers.iter().map(String::as_str).collect();
    let canonical = canonical_request(request, &signed, &payload_hash, options);
    let to_sign = string_to_sign(amz_date, &auth.scope(), &canonical);

    let secret = secret_for(&auth.access_key)
        .ok_or_else(|| format!("unknown access key {:?}", auth.access_key))?;
    let key = signing_key(&secret, &auth.date, &auth.region, &auth.service);
    let expected = hex::encode(hmac_sha256(&key, to_sign.as_bytes()));
    if expected != auth.signature {
        return Err(format!(
            "signature differs: request has {}, expected {expected}\n--- canonical request ---\n{canonical}\n--- string to sign ---\n{to_sign}",
            auth.signature
        ));
    }

    let has_session_token = signed.contains(&"x-amz-security-token");
    Ok(SignatureInfo {
        access_key: auth.access_key,
        date: auth.date,
        amz_date: amz_date.to_owned(),
        region: auth.region,
        service: auth.service,
        signed_headers: auth.signed_headers,
        has_session_token,
    })
}

/// Credentials and scope for [`sign_for_test`].
#[derive(Clone, Copy, Debug)]
pub struct TestKey<'a> {
    /// Access key id.
    pub access_key: &'a str,
    /// Secret key.
    pub secret_key: &'a str,
    /// Scope region.
    pub region: &'a str,
    /// Scope service (signing name).
    pub service: &'a str,
}

/// Computes the `Authorization` header value for `request` with this module's own rules
/// (non-S3 canonical URI), signing exactly `signed_headers` (any case, any order). The date
/// comes from the request's `X-Amz-Date` header, the payload hash from `x-amz-content-sha256`
/// or the body. Panics when the request lacks `X-Amz-Date` or a header to sign: it is a test aid.
pub fn sign_for_test(request: &Request<'_>, key: &TestKey<'_>, signed_headers: &[&str]) -> String {
    let mut names: Vec<String> = signed_headers
        .iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    names.sort();
    names.dedup();
    for name in &names {
        assert!(
            !request.header_values(name).is_empty(),
            "sign_for_test: header {name} is not in the request"
        );
    }
    let amz_date = request
        .single_header("x-amz-date")
        .expect("one X-Amz-Date")
        .expect("sign_for_test needs an X-Amz-Date header")
        .trim();
    let date = amz_date.get(..8).expect("X-Amz-Date is YYYYMMDDTHHMMSSZ");
    let payload_hash = match request
        .single_header("x-amz-content-sha256")
        .expect("one x-amz-content-sha256")
    {
        Some(v) => v.trim().to_owned(),
        None => hex_sha256(request.body),
    };
    let names_ref: Vec<&str> = names.iter().map(String::as_str).collect();
    let canonical = canonical_request(request, &names_ref, &payload_hash, VerifyOptions::STANDARD);
    let scope = format!("{date}/{}/{}/aws4_request", key.region, key.service);
    let to_sign = string_to_sign(amz_date, &scope, &canonical);
    let signature = hex::encode(hmac_sha256(
        &signing_key(key.secret_key, date, key.region, key.service),
        to_sign.as_bytes(),
    ));
    format!(
        "{ALGORITHM} Credential={}/{scope}, SignedHeaders={}, Signature={signature}",
        key.access_key,
        names.join(";")
    )
}

/// The canonical request: method, canonical URI, canonical query, canonical headers (for
/// `signed_headers`, which must already be lowercase and sorted), blank line, signed header
/// list, payload hash.
pub fn canonical_request(
    request: &Request<'_>,
    signed_headers: &[&str],
    payload_hash: &str,
    options: VerifyOptions,
) -> String {
    let mut out = String::new();
    out.push_str(request.method);
    out.push('\n');
    out.push_str(&canonical_uri(request.path, options));
    out.push('\n');
    out.push_str(&canonical_query(request.query));
    out.push('\n');
    for name in signed_headers {
        let values: Vec<String> = request
            .header_values(name)
            .into_iter()
            .map(canonical_header_value)
            .collect();
        out.push_str(name);
        out.push(':');
        out.push_str(&values.join(","));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&signed_headers.join(";"));
    out.push('\n');
    out.push_str(payload_hash);
    out
}

/// The string to sign for a canonical request.
pub fn string_to_sign(amz_date: &str, scope: &str, canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{amz_date}\n{scope}\n{}",
        hex_sha256(canonical_request.as_bytes())
    )
}

/// The SigV4 signing key for one day, region and service.
pub fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> [u8; 32] {
    let k_date = hmac_sha256(format!("AWS4{secret}").as_bytes(), date.as_bytes());
    let k_region = hmac_sha256(&k_date, region.as_bytes());
    let k_service = hmac_sha256(&k_region, service.as_bytes());
    hmac_sha256(&k_service, b"aws4_request")
}

/// Lowercase hex SHA-256.
pub fn hex_sha256(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

fn check_amz_date(value: &str) -> Result<(), String> {
    let b = value.as_bytes();
    let ok = b.len() == 16
        && b[8] == b'T'
        && b[15] == b'Z'
        && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit);
    if ok {
        Ok(())
    } else {
        Err(format!("X-Amz-Date is not YYYYMMDDTHHMMSSZ: {value:?}"))
    }
}

/// Trims spaces at both ends and collapses each run of spaces to one.
pub fn canonical_header_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for word in value.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The canonical URI for a wire path under `options`.
pub fn canonical_uri(path: &str, options: VerifyOptions) -> String {
    let path = if path.is_empty() { "/" } else { path };
    let normalized;
    let path = if options.normalize_path {
        normalized = remove_dot_segments(path);
        normalized.as_str()
    } else {
        path
    };
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(path.len() + 8);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let kept_escape = !options.double_encode_path
            && b == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if b == b'/' || is_unreserved(b) {
            out.push(b as char);
        } else if kept_escape {
            out.push('%');
            out.push(bytes[i + 1].to_ascii_uppercase() as char);
            out.push(bytes[i + 2].to_ascii_uppercase() as char);
            i += 2;
        } else {
            push_escape(&mut out, b);
        }
        i += 1;
    }
    out
}

/// RFC 3986 5.2.4 dot-segment removal, with empty segments (repeated slashes) dropped as the
/// SigV4 rules ask; a trailing slash (also one implied by a final `.` or `..`) is kept.
fn remove_dot_segments(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let mut out = String::from("/");
    out.push_str(&segments.join("/"));
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    if trailing && !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// The canonical query string for a raw query.
pub fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (
                encode_component(&decode_component(k)),
                encode_component(&decode_component(v)),
            )
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

fn decode_component(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => match (
                b.get(i + 1).and_then(|&c| hex_val(c)),
                b.get(i + 2).and_then(|&c| hex_val(c)),
            ) {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            other => out.push(other),
        }
        i += 1;
    }
    out
}

fn hex_val(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

fn encode_component(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if is_unreserved(b) {
            out.push(b as char);
        } else {
            push_escape(&mut out, b);
        }
    }
    out
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

fn push_escape(out: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('%');
    out.push(HEX[usize::from(b >> 4)] as char);
    out.push(HEX[usize::from(b & 15)] as char);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_segments_and_slashes() {
        for (input, expected) in [
            ("/", "/"),
            ("//", "/"),
            ("/./", "/"),
            ("/example/..", "/"),
            ("/a/b/../..", "/"),
            ("/./example", "/example"),
            ("//example//", "/example/"),
            ("/a/b/.", "/a/b/"),
            ("/../a", "/a"),
            ("/a/./b/../c/", "/a/c/"),
        ] {
            assert_eq!(remove_dot_segments(input), expected, "{input}");
        }
    }

    #[test]
    fn uri_encoding_modes() {
        assert_eq!(
            canonical_uri("/a%3Ab c", VerifyOptions::STANDARD),
            "/a%253Ab%20c"
        );
        assert_eq!(canonical_uri("/a%3ab c", VerifyOptions::S3), "/a%3Ab%20c");
        assert_eq!(canonical_uri("", VerifyOptions::STANDARD), "/");
        assert_eq!(canonical_uri("//x//", VerifyOptions::S3), "//x//");
    }

    #[test]
    fn query_decoding_and_sorting() {
        assert_eq!(canonical_query(""), "");
        assert_eq!(canonical_query("b=2&a=1&a=0"), "a=0&a=1&b=2");
        assert_eq!(
            canonical_query("flag&x=a+b&y=%2f%zz"),
            "flag=&x=a%20b&y=%2F%25zz"
        );
        assert_eq!(
            canonical_query("k=%E1%88%B4"),
            canonical_query("k=\u{1234}")
        );
        // Sorted by the encoded name: "%" (0x25) sorts before letters.
        assert_eq!(canonical_query("Z=1&%E1%88%B4=2"), "%E1%88%B4=2&Z=1");
    }

    #[test]
    fn header_values_are_trimmed_and_collapsed() {
        assert_eq!(canonical_header_value("  a   b  c "), "a b c");
        assert_eq!(canonical_header_value("\"a   b\""), "\"a b\"");
    }

    #[test]
    fn authorization_parsing_rejects_malformed_values() {
        let good = "AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/svc/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
        let parsed = parse_authorization(good).expect("parses");
        assert_eq!(parsed.scope(), "20150830/us-east-1/svc/aws4_request");
        assert_eq!(parsed.signed_headers, ["host", "x-amz-date"]);
        for bad in [
            good.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1"),
            good.replace("aws4_request", "aws5_request"),
            good.replace("host;x-amz-date", "x-amz-date;host"),
            good.replace("host;x-amz-date", "Host;x-amz-date"),
            good.replace("20150830", "2015083"),
            good.replace("Signature=5fa0", "Signature=5FA0"),
            good.replace(", Signature", ", Signature=1, Signature"),
        ] {
            assert!(parse_authorization(&bad).is_err(), "accepted {bad}");
        }
    }
}
