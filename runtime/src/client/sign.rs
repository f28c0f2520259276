//! SigV4 (and, with the `sigv4a` feature, SigV4a) signing with AWS's own `aws-sigv4` crate, as
//! the endpoint's `authSchemes` property adjusts it.

use std::time::SystemTime;

use aws_credential_types::Credentials;

use crate::endpoint::Endpoint;
use crate::primitives::Document;

/// How a request is signed: the service's SigV4 defaults, or what the resolved endpoint's
/// `authSchemes` property asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signing {
    /// The algorithm, with the region (or region set) it signs for.
    pub scheme: Scheme,
    /// The signing name (the credential scope's service).
    pub name: String,
    /// Escape the path a second time in the canonical request (SigV4's default; S3 turns it off).
    pub double_encode: bool,
    /// Normalize the path in the canonical request (SigV4's default; S3 turns it off).
    pub normalize_path: bool,
}

/// A signing algorithm and what it is scoped to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scheme {
    /// `AWS4-HMAC-SHA256` for one region.
    SigV4 {
        /// The signing region.
        region: String,
    },
    /// `AWS4-ECDSA-P256-SHA256` for a set of regions (sent as `X-Amz-Region-Set`).
    SigV4a {
        /// The regions, comma-separated (`*` for all).
        region_set: String,
    },
}

/// Whether this build can sign with SigV4a.
const SIGV4A: bool = cfg!(feature = "sigv4a");

impl Signing {
    /// SigV4 for `region` under `name`, with the default canonicalization.
    pub fn sigv4(region: impl Into<String>, name: impl Into<String>) -> Signing {
        Signing { scheme: Scheme::SigV4 { region: region.into() }, name: name.into(), double_encode: true, normalize_path: true }
    }

    /// The signing `endpoint` asks for: the first entry of its `authSchemes` property this client
    /// can sign with (`sigv4`, and `sigv4a` with the `sigv4a` feature), its `signingName`,
    /// `signingRegion` / `signingRegionSet`, `disableDoubleEncoding` and `disableNormalizePath`
    /// over `name` and `region`. Without the property (or with an empty list), SigV4 under
    /// `name` and `region`.
    ///
    /// # Errors
    ///
    /// The names of the schemes the endpoint lists, when none of them is one this client signs
    /// with (a request signed otherwise would be refused).
    pub fn for_endpoint(endpoint: &Endpoint, name: &str, region: &str) -> Result<Signing, Vec<String>> {
        let Some(Document::Array(schemes)) = endpoint.property("authSchemes") else {
            return Ok(Signing::sigv4(region, name));
        };
        if schemes.is_empty() {
            return Ok(Signing::sigv4(region, name));
        }
        let mut offered = Vec::with_capacity(schemes.len());
        for scheme in schemes {
            let Document::Object(fields) = scheme else { continue };
            let text = |key: &str| match fields.get(key) {
                Some(Document::String(s)) => Some(s.as_str()),
                _ => None,
            };
            let flag = |key: &str| matches!(fields.get(key), Some(Document::Bool(true)));
            let Some(scheme_name) = text("name") else { continue };
            let algorithm = match scheme_name {
                "sigv4" => Scheme::SigV4 { region: text("signingRegion").unwrap_or(region).to_string() },
                "sigv4a" if SIGV4A => {
                    let regions: Vec<&str> = match fields.get("signingRegionSet") {
                        Some(Document::Array(items)) => items.iter().filter_map(|item| match item {
                            Document::String(s) => Some(s.as_str()),
                            _ => None,
                        }).collect(),
                        _ => Vec::new(),
                    };
                    let region_set = if regions.is_empty() { region.to_string() } else { regions.join(",") };
                    Scheme::SigV4a { region_set }
                }
                other => {
                    offered.push(other.to_string());
                    continue;
                }
            };
            return Ok(Signing {
                scheme: algorithm,
                name: text("signingName").unwrap_or(name).to_string(),
                double_encode: !flag("disableDoubleEncoding"),
                normalize_path: !flag("disableNormalizePath"),
            });
        }
        Err(offered)
    }
}

/// Sign `request` with SigV4 using the official `aws-sigv4` crate.
///
/// # Errors
///
/// A message when the request cannot be signed (for example a header that is not text).
pub fn sign(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    region: &str,
    service: &str,
    time: SystemTime,
) -> Result<(), String> {
    sign_with(request, credentials, &Signing::sigv4(region, service), time)
}

/// Sign `request` as `signing` says, using the official `aws-sigv4` crate.
///
/// # Errors
///
/// A message when the request cannot be signed (for example a header that is not text, or
/// SigV4a without the `sigv4a` feature).
pub fn sign_with(request: &mut http::Request<Vec<u8>>, credentials: &Credentials, signing: &Signing, time: SystemTime) -> Result<(), String> {
    use aws_sigv4::http_request::{PercentEncodingMode, SignableBody, SignableRequest, SigningSettings, UriPathNormalizationMode};
    let identity: aws_smithy_runtime_api::client::identity::Identity = credentials.clone().into();
    let mut settings = SigningSettings::default();
    settings.percent_encoding_mode = if signing.double_encode { PercentEncodingMode::Double } else { PercentEncodingMode::Single };
    settings.uri_path_normalization_mode =
        if signing.normalize_path { UriPathNormalizationMode::Enabled } else { UriPathNormalizationMode::Disabled };
    let params: aws_sigv4::http_request::SigningParams<'_> = match &signing.scheme {
        Scheme::SigV4 { region } => aws_sigv4::sign::v4::SigningParams::builder()
            .identity(&identity)
            .region(region)
            .name(&signing.name)
            .time(time)
            .settings(settings)
            .build()
            .map_err(|e| e.to_string())?
            .into(),
        #[cfg(feature = "sigv4a")]
        Scheme::SigV4a { region_set } => aws_sigv4::sign::v4a::SigningParams::builder()
            .identity(&identity)
            .region_set(region_set)
            .name(&signing.name)
            .time(time)
            .settings(settings)
            .build()
            .map_err(|e| e.to_string())?
            .into(),
        #[cfg(not(feature = "sigv4a"))]
        Scheme::SigV4a { .. } => return Err("SigV4a signing needs the `sigv4a` feature".to_string()),
    };
    let uri = request.uri().to_string();
    let headers: Vec<(&str, &str)> =
        request.headers().iter().filter_map(|(k, v)| Some((k.as_str(), v.to_str().ok()?))).collect();
    let signable = SignableRequest::new(request.method().as_str(), &uri, headers.into_iter(), SignableBody::Bytes(request.body()))
        .map_err(|e| e.to_string())?;
    let (instructions, _signature) = aws_sigv4::http_request::sign(signable, &params).map_err(|e| e.to_string())?.into_parts();
    instructions.apply_to_request_http1x(request);
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;

    fn scheme(fields: &[(&str, Document)]) -> Document {
        Document::Object(fields.iter().map(|(k, v)| ((*k).to_string(), v.clone())).collect::<HashMap<_, _>>())
    }

    fn text(s: &str) -> Document {
        Document::String(s.to_string())
    }

    fn endpoint(schemes: Vec<Document>) -> Endpoint {
        Endpoint::new("https://example.com").with_property("authSchemes", Document::Array(schemes))
    }

    fn signing(endpoint: &Endpoint) -> Result<Signing, Vec<String>> {
        Signing::for_endpoint(endpoint, "service", "eu-west-1")
    }

    #[test]
    fn without_auth_schemes_the_service_defaults_sign() {
        let defaults = Signing::sigv4("eu-west-1", "service");
        assert_eq!(signing(&Endpoint::new("https://example.com")), Ok(defaults.clone()));
        assert_eq!(signing(&endpoint(Vec::new())), Ok(defaults));
    }

    #[test]
    fn the_first_supported_scheme_overrides_name_region_and_canonicalization() {
        let express = scheme(&[("name", text("sigv4-s3express")), ("signingName", text("s3express"))]);
        let sigv4 = scheme(&[
            ("name", text("sigv4")),
            ("signingName", text("s3")),
            ("signingRegion", text("us-east-1")),
            ("disableDoubleEncoding", Document::Bool(true)),
        ]);
        let chosen = signing(&endpoint(vec![Document::Null, express, sigv4])).expect("sigv4 is supported");
        assert_eq!(chosen, Signing { scheme: Scheme::SigV4 { region: "us-east-1".into() }, name: "s3".into(), double_encode: false, normalize_path: true });
        let bare = signing(&endpoint(vec![scheme(&[("name", text("sigv4")), ("disableNormalizePath", Document::Bool(true))])])).expect("supported");
        assert_eq!(bare, Signing { normalize_path: false, ..Signing::sigv4("eu-west-1", "service") });
    }

    #[test]
    fn sigv4a_signs_for_its_region_set_when_the_feature_is_on() {
        let regions = Document::Array(vec![text("us-east-1"), text("us-west-2")]);
        let sigv4a = scheme(&[("name", text("sigv4a")), ("signingName", text("ses")), ("signingRegionSet", regions)]);
        let chosen = signing(&endpoint(vec![sigv4a]));
        if cfg!(feature = "sigv4a") {
            let expected = Signing { scheme: Scheme::SigV4a { region_set: "us-east-1,us-west-2".into() }, name: "ses".into(), double_encode: true, normalize_path: true };
            assert_eq!(chosen, Ok(expected));
        } else {
            assert_eq!(chosen, Err(vec!["sigv4a".to_string()]));
        }
    }

    #[test]
    fn only_unsupported_schemes_are_named_back() {
        let unknown = scheme(&[("name", text("sigv4-s3express"))]);
        let nameless = scheme(&[("signingName", text("x"))]);
        assert_eq!(signing(&endpoint(vec![unknown, nameless, text("sigv4")])), Err(vec!["sigv4-s3express".to_string()]));
    }

    fn signed(signing: &Signing) -> http::Request<Vec<u8>> {
        let mut request = http::Request::builder().method("POST").uri("https://example.com/a%20b").body(b"{}".to_vec()).expect("a request");
        let credentials = Credentials::new("AKID", "secret", None, None, "test");
        sign_with(&mut request, &credentials, signing, UNIX_EPOCH + Duration::from_secs(1_700_000_000)).expect("signed");
        request
    }

    fn authorization(request: &http::Request<Vec<u8>>) -> &str {
        request.headers().get("authorization").and_then(|v| v.to_str().ok()).expect("an authorization header")
    }

    #[test]
    fn sigv4_signs_under_the_overriding_name_and_region() {
        let request = signed(&Signing { double_encode: false, ..Signing::sigv4("us-east-1", "s3") });
        let authorization = authorization(&request);
        assert!(authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKID/20231114/us-east-1/s3/aws4_request"), "{authorization}");
        assert!(request.headers().get("x-amz-region-set").is_none());
    }

    #[cfg(feature = "sigv4a")]
    #[test]
    fn sigv4a_signs_with_ecdsa_and_the_region_set_header() {
        let request = signed(&Signing { scheme: Scheme::SigV4a { region_set: "*".into() }, ..Signing::sigv4("unused", "ses") });
        let authorization = authorization(&request);
        assert!(authorization.starts_with("AWS4-ECDSA-P256-SHA256 Credential=AKID/20231114/ses/aws4_request"), "{authorization}");
        assert!(authorization.contains("x-amz-region-set"), "the region set is signed: {authorization}");
        assert_eq!(request.headers().get("x-amz-region-set").and_then(|v| v.to_str().ok()), Some("*"));
    }

    #[cfg(not(feature = "sigv4a"))]
    #[test]
    fn sigv4a_without_the_feature_is_an_error_not_a_wrong_signature() {
        let mut request = http::Request::builder().uri("https://example.com").body(Vec::new()).expect("a request");
        let credentials = Credentials::new("AKID", "secret", None, None, "test");
        let signing = Signing { scheme: Scheme::SigV4a { region_set: "*".into() }, ..Signing::sigv4("unused", "ses") };
        let error = sign_with(&mut request, &credentials, &signing, UNIX_EPOCH).expect_err("no SigV4a in this build");
        assert!(error.contains("`sigv4a` feature"), "{error}");
    }
}
