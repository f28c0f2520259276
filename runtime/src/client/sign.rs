//! SigV4 signing with AWS's own `aws-sigv4` crate.

use std::time::SystemTime;

use aws_credential_types::Credentials;

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
    use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings};
    let identity: aws_smithy_runtime_api::client::identity::Identity = credentials.clone().into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| e.to_string())?
        .into();
    let uri = request.uri().to_string();
    let headers: Vec<(&str, &str)> =
        request.headers().iter().filter_map(|(k, v)| Some((k.as_str(), v.to_str().ok()?))).collect();
    let signable = SignableRequest::new(request.method().as_str(), &uri, headers.into_iter(), SignableBody::Bytes(request.body()))
        .map_err(|e| e.to_string())?;
    let (instructions, _signature) = aws_sigv4::http_request::sign(signable, &params).map_err(|e| e.to_string())?.into_parts();
    instructions.apply_to_request_http1x(request);
    Ok(())
}

