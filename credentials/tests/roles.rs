//! Role profiles and web identity against a loopback STS: the requests sent (form fields,
//! signed or not, by whom), chaining, and each failure's message.

mod support;

use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::ProvideCredentials;
use smithy_credentials::{describe, DefaultChain, FakeEnv, ProfileCredentials, ServiceSettings, WebIdentityCredentials};
use support::{Recorded, Reply, Server};

fn assumed(action: &str, key: &str) -> Reply {
    Reply::xml(
        200,
        format!(
            r#"<{action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <{action}Result>
    <Credentials>
      <AccessKeyId>{key}</AccessKeyId>
      <SecretAccessKey>secret-of-{key}</SecretAccessKey>
      <SessionToken>token-of-{key}</SessionToken>
      <Expiration>2030-01-02T03:04:05Z</Expiration>
    </Credentials>
    <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser>
  </{action}Result>
  <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
</{action}Response>"#
        ),
    )
}

/// A home directory with these profile files, STS at `server`.
fn home(server: &Server, config: &str, credentials: &str) -> FakeEnv {
    FakeEnv::new()
        .var("HOME", "/home/u")
        .var("AWS_REGION", "eu-west-1")
        .var("AWS_ENDPOINT_URL_STS", server.url())
        .file("/home/u/.aws/config", config)
        .file("/home/u/.aws/credentials", credentials)
}

/// The request's form fields, decoded.
fn form(request: &Recorded) -> Vec<(String, String)> {
    request
        .body
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 3 <= bytes.len() => {
                out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// The access key a SigV4 `Authorization` header names.
fn signer(request: &Recorded) -> Option<String> {
    let header = request.header("authorization")?;
    let credential = header.split("Credential=").nth(1)?;
    Some(credential.split('/').next()?.to_string())
}

#[tokio::test]
async fn source_profile_with_static_keys() {
    let server = Server::start(vec![assumed("AssumeRole", "ASIAROLE00000001")]).await;
    let env = home(
        &server,
        "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = base\nrole_session_name = me\nexternal_id = ext-1\nduration_seconds = 1800\n",
        "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = SECRETBASE\n",
    )
    .var("AWS_PROFILE", "dev");
    let credentials = ProfileCredentials::new(env.shared()).provide_credentials().await.unwrap();
    assert_eq!((credentials.access_key_id(), credentials.secret_access_key(), credentials.session_token()), ("ASIAROLE00000001", "secret-of-ASIAROLE00000001", Some("token-of-ASIAROLE00000001")));
    assert!(credentials.expiry().is_some());
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let fields = form(&requests[0]);
    assert_eq!(field(&fields, "Action"), Some("AssumeRole"));
    assert_eq!(field(&fields, "Version"), Some("2011-06-15"));
    assert_eq!(field(&fields, "RoleArn"), Some("arn:aws:iam::123456789012:role/dev"));
    assert_eq!(field(&fields, "RoleSessionName"), Some("me"));
    assert_eq!(field(&fields, "ExternalId"), Some("ext-1"));
    assert_eq!(field(&fields, "DurationSeconds"), Some("1800"));
    assert_eq!(signer(&requests[0]).as_deref(), Some("AKIDBASE"), "signed with the source profile's keys");
    assert!(requests[0].header("authorization").unwrap().contains("/eu-west-1/sts/aws4_request"), "in the configured region");
}

#[tokio::test]
async fn roles_chain_through_source_profiles() {
    let server = Server::start(vec![assumed("AssumeRole", "ASIAFIRST0000001"), assumed("AssumeRole", "ASIASECOND000002")]).await;
    let env = home(
        &server,
        "[profile top]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = middle\n[profile middle]\nrole_arn = arn:aws:iam::1:role/middle\nsource_profile = base\n[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = S\n",
        "",
    );
    let credentials = ProfileCredentials::new(env.shared()).profile_name("top").provide_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id(), "ASIASECOND000002");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(field(&form(&requests[0]), "RoleArn"), Some("arn:aws:iam::1:role/middle"), "innermost role first");
    assert_eq!(signer(&requests[0]).as_deref(), Some("AKIDBASE"));
    assert_eq!(field(&form(&requests[1]), "RoleArn"), Some("arn:aws:iam::1:role/top"));
    assert_eq!(signer(&requests[1]).as_deref(), Some("ASIAFIRST0000001"), "signed with the first role's credentials");
    assert_eq!(requests[1].header("x-amz-security-token"), Some("token-of-ASIAFIRST0000001"));
}

#[tokio::test]
async fn a_source_profile_with_keys_stops_the_chain() {
    let server = Server::start(vec![assumed("AssumeRole", "ASIAONLY00000001")]).await;
    let env = home(
        &server,
        "[profile top]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = base\n[profile base]\nrole_arn = arn:aws:iam::1:role/ignored\nsource_profile = nowhere\naws_access_key_id = AKIDBASE\naws_secret_access_key = S\n",
        "",
    );
    ProfileCredentials::new(env.shared()).profile_name("top").provide_credentials().await.unwrap();
    assert_eq!(server.requests().len(), 1);

    // A profile that is its own source uses its own keys for its role.
    let server = Server::start(vec![assumed("AssumeRole", "ASIASELF00000001")]).await;
    let env = home(&server, "[profile me]\nrole_arn = arn:aws:iam::1:role/me\nsource_profile = me\naws_access_key_id = AKIDME\naws_secret_access_key = S\n", "");
    ProfileCredentials::new(env.shared()).profile_name("me").provide_credentials().await.unwrap();
    assert_eq!(signer(&server.requests()[0]).as_deref(), Some("AKIDME"));
}

#[tokio::test]
async fn credential_source_environment() {
    let server = Server::start(vec![assumed("AssumeRole", "ASIAENVROLE00001")]).await;
    let env = home(&server, "[default]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Environment\n", "")
        .var("AWS_ACCESS_KEY_ID", "AKIDENV")
        .var("AWS_SECRET_ACCESS_KEY", "S");
    let credentials = ProfileCredentials::new(env.shared()).provide_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id(), "ASIAENVROLE00001");
    assert_eq!(signer(&server.requests()[0]).as_deref(), Some("AKIDENV"));
}

#[tokio::test]
async fn role_profile_errors() {
    let server = Server::start(vec![assumed("AssumeRole", "ASIAUNUSED000001")]).await;
    let error = |config: &str| {
        let env = home(&server, config, "");
        async move { describe(&ProfileCredentials::new(env.shared()).provide_credentials().await.unwrap_err()) }
    };
    let cycle = error("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n[default]\nrole_arn = arn:aws:iam::1:role/d\nsource_profile = a\n").await;
    assert!(cycle.contains("`source_profile` cycle: default -> a -> b -> a"), "{cycle}");
    let missing = error("[default]\nrole_arn = arn:aws:iam::1:role/d\nsource_profile = gone\n").await;
    assert!(missing.contains("profile `default` names `source_profile = gone`, which is not defined"), "{missing}");
    let neither = error("[default]\nrole_arn = arn:aws:iam::1:role/d\n").await;
    assert!(neither.contains("neither `source_profile`, `credential_source` nor `web_identity_token_file`"), "{neither}");
    let both = error("[default]\nrole_arn = arn:aws:iam::1:role/d\nsource_profile = x\ncredential_source = Environment\n").await;
    assert!(both.contains("both `source_profile` and `credential_source`"), "{both}");
    let unknown = error("[default]\nrole_arn = arn:aws:iam::1:role/d\ncredential_source = Laptop\n").await;
    assert!(unknown.contains("`credential_source = Laptop`"), "{unknown}");
    let duration = error("[default]\nrole_arn = arn:aws:iam::1:role/d\nsource_profile = default\nduration_seconds = soon\naws_access_key_id = A\naws_secret_access_key = S\n").await;
    assert!(duration.contains("`duration_seconds = soon`"), "{duration}");
    let mfa = error("[default]\nrole_arn = arn:aws:iam::1:role/d\nsource_profile = default\nmfa_serial = arn:aws:iam::1:mfa/me\naws_access_key_id = A\naws_secret_access_key = S\n").await;
    assert!(mfa.contains("`mfa_serial`") && mfa.contains("not supported"), "{mfa}");
    assert!(server.requests().is_empty(), "nothing was sent for a broken configuration");
}

#[tokio::test]
async fn sts_failures_are_readable() {
    let denied = Reply::xml(403, "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform: sts:AssumeRole</Message></Error><RequestId>r</RequestId></ErrorResponse>");
    let server = Server::start(vec![denied]).await;
    let env = home(&server, "[default]\nrole_arn = arn:aws:iam::1:role/d\nsource_profile = base\n[profile base]\naws_access_key_id = A\naws_secret_access_key = SECRETVALUE\n", "");
    let error = ProfileCredentials::new(env.shared()).provide_credentials().await.unwrap_err();
    assert!(matches!(error, CredentialsError::ProviderError(_)), "{error:?}");
    let text = describe(&error);
    assert!(text.contains("profile `default`") && text.contains("STS AssumeRole of `arn:aws:iam::1:role/d`") && text.contains("AccessDenied"), "{text}");
    assert!(!text.contains("SECRETVALUE") && !format!("{error:?}").contains("SECRETVALUE"));

    let garbled = Server::start(vec![Reply::xml(200, "<AssumeRoleResponse><AssumeRoleResult><Credentials>")]).await;
    let env = home(&garbled, "[default]\nrole_arn = arn:aws:iam::1:role/d\nsource_profile = default\naws_access_key_id = A\naws_secret_access_key = S\n", "");
    let text = describe(&ProfileCredentials::new(env.shared()).provide_credentials().await.unwrap_err());
    assert!(text.contains("STS AssumeRole"), "{text}");
}

#[tokio::test]
async fn web_identity_from_a_profile_and_from_the_environment() {
    let server = Server::start(vec![assumed("AssumeRoleWithWebIdentity", "ASIAWEBID0000001")]).await;
    let env = home(&server, "[default]\nrole_arn = arn:aws:iam::1:role/web\nweb_identity_token_file = /var/token\nrole_session_name = pod\n", "").file("/var/token", "eyJ.token.sig\n");
    let credentials = ProfileCredentials::new(env.shared()).provide_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id(), "ASIAWEBID0000001");
    let request = &server.requests()[0];
    let fields = form(request);
    assert_eq!(field(&fields, "Action"), Some("AssumeRoleWithWebIdentity"));
    assert_eq!(field(&fields, "WebIdentityToken"), Some("eyJ.token.sig"));
    assert_eq!(field(&fields, "RoleSessionName"), Some("pod"));
    assert_eq!(request.header("authorization"), None, "AssumeRoleWithWebIdentity is not signed");

    // EKS IRSA: only the environment variables, through the default chain.
    let server = Server::start(vec![assumed("AssumeRoleWithWebIdentity", "ASIAIRSA00000001")]).await;
    let env = FakeEnv::new()
        .var("HOME", "/nowhere")
        .var("AWS_REGION", "us-west-2")
        .var("AWS_ENDPOINT_URL", server.url())
        .var("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token")
        .var("AWS_ROLE_ARN", "arn:aws:iam::1:role/irsa")
        .file("/var/run/secrets/eks.amazonaws.com/serviceaccount/token", "irsa-token");
    let credentials = DefaultChain::new().env(env.shared()).build().provide_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id(), "ASIAIRSA00000001");
    let fields = form(&server.requests()[0]);
    assert_eq!(field(&fields, "RoleArn"), Some("arn:aws:iam::1:role/irsa"));
    assert!(field(&fields, "RoleSessionName").is_some_and(|name| name.starts_with("smithy-credentials-")));

    // Failures: no role, missing or empty token file.
    let settings = |env: FakeEnv| ServiceSettings::new(env.shared());
    let no_role = WebIdentityCredentials::from_env(settings(FakeEnv::new().var("AWS_WEB_IDENTITY_TOKEN_FILE", "/t"))).provide_credentials().await.unwrap_err();
    assert!(describe(&no_role).contains("AWS_ROLE_ARN is not"), "{}", describe(&no_role));
    let unset = WebIdentityCredentials::from_env(settings(FakeEnv::new())).provide_credentials().await.unwrap_err();
    assert!(matches!(unset, CredentialsError::CredentialsNotLoaded(_)));
    let missing = WebIdentityCredentials::from_env(settings(FakeEnv::new().var("AWS_WEB_IDENTITY_TOKEN_FILE", "/t").var("AWS_ROLE_ARN", "arn:aws:iam::1:role/r")))
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(describe(&missing).contains("web identity token file /t cannot be read"), "{}", describe(&missing));
    let empty = WebIdentityCredentials::from_env(settings(FakeEnv::new().var("AWS_WEB_IDENTITY_TOKEN_FILE", "/t").var("AWS_ROLE_ARN", "arn:aws:iam::1:role/r").file("/t", " \n")))
        .provide_credentials()
        .await
        .unwrap_err();
    assert!(describe(&empty).contains("is empty"), "{}", describe(&empty));
}

#[tokio::test]
async fn a_hung_sts_is_a_timeout_error_in_bounded_time() {
    let server = Server::start(vec![assumed("AssumeRoleWithWebIdentity", "ASIALATE00000001").delayed(std::time::Duration::from_secs(5))]).await;
    let env = FakeEnv::new()
        .var("AWS_ENDPOINT_URL_STS", server.url())
        .var("AWS_WEB_IDENTITY_TOKEN_FILE", "/t")
        .var("AWS_ROLE_ARN", "arn:aws:iam::1:role/r")
        .file("/t", "a-web-identity-token");
    let started = std::time::Instant::now();
    let settings = ServiceSettings::new(env.shared()).timeout(std::time::Duration::from_millis(200));
    let error = WebIdentityCredentials::from_env(settings).provide_credentials().await.unwrap_err();
    assert!(started.elapsed() < std::time::Duration::from_secs(4), "{:?}", started.elapsed());
    let text = describe(&error);
    assert!(text.contains("STS AssumeRoleWithWebIdentity") && text.contains("timed out"), "{text}");
}

#[tokio::test]
async fn endpoint_overrides_can_be_ignored() {
    let server = Server::start(vec![assumed("AssumeRoleWithWebIdentity", "ASIAUNUSED000001")]).await;
    let env = FakeEnv::new()
        .var("AWS_ENDPOINT_URL_STS", server.url())
        .var("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")
        .var("AWS_WEB_IDENTITY_TOKEN_FILE", "/t")
        .var("AWS_ROLE_ARN", "arn:aws:iam::1:role/r")
        .file("/t", "a-web-identity-token");
    // With the override ignored the call goes to the real STS endpoint, which a test cannot
    // reach; what matters is that the loopback server saw nothing.
    let transport = std::sync::Arc::new(smithy_rt::testing::ReplayTransport::new(vec![]));
    let _ = WebIdentityCredentials::from_env(ServiceSettings::new(env.shared()).transport(transport.clone())).provide_credentials().await;
    assert!(server.requests().is_empty());
    let sent = transport.requests();
    assert_eq!(sent.first().map(|r| r.uri().host().unwrap_or("").to_string()).as_deref(), Some("sts.us-east-1.amazonaws.com"));
}

#[tokio::test]
async fn profile_endpoint_settings_apply_below_the_environments() {
    // The `services` section's entry for STS, for a role profile.
    let server = Server::start(vec![assumed("AssumeRole", "ASIASERVICES0001")]).await;
    let config = format!(
        "[profile dev]\nrole_arn = arn:aws:iam::1:role/dev\nsource_profile = base\nservices = local\nendpoint_url = http://127.0.0.1:9/unused\n[services local]\nsts =\n  endpoint_url = {}\n",
        server.url()
    );
    let env = FakeEnv::new()
        .var("HOME", "/home/u")
        .var("AWS_PROFILE", "dev")
        .file("/home/u/.aws/config", &config)
        .file("/home/u/.aws/credentials", "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = SECRETBASE\n");
    let credentials = ProfileCredentials::new(env.shared()).provide_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id(), "ASIASERVICES0001");
    assert_eq!(server.requests().len(), 1);

    // The profile's own `endpoint_url`, for web identity from the environment through the chain.
    let server = Server::start(vec![assumed("AssumeRoleWithWebIdentity", "ASIAPROFILEURL01")]).await;
    let web_identity = |config: &str| {
        FakeEnv::new()
            .var("HOME", "/home/u")
            .var("AWS_WEB_IDENTITY_TOKEN_FILE", "/t")
            .var("AWS_ROLE_ARN", "arn:aws:iam::1:role/r")
            .file("/t", "a-web-identity-token")
            .file("/home/u/.aws/config", config)
    };
    let env = web_identity(&format!("[default]\nregion = eu-central-1\nendpoint_url = {}\n", server.url()));
    let credentials = DefaultChain::new().env(env.shared()).build().provide_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id(), "ASIAPROFILEURL01");
    assert_eq!(server.requests().len(), 1);

    // The environment's variables come first.
    let first = Server::start(vec![assumed("AssumeRoleWithWebIdentity", "ASIAENVIRONMENT1")]).await;
    let env = web_identity(&format!("[default]\nendpoint_url = {}\n", server.url())).var("AWS_ENDPOINT_URL", first.url());
    let credentials = DefaultChain::new().env(env.shared()).build().provide_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id(), "ASIAENVIRONMENT1");
    assert_eq!((first.requests().len(), server.requests().len()), (1, 1));

    // `ignore_configured_endpoint_urls` in the profile turns off the profile's and the
    // environment's endpoints alike; the call goes to STS itself.
    let env = web_identity(&format!("[default]\nendpoint_url = {}\nignore_configured_endpoint_urls = true\n", server.url())).var("AWS_ENDPOINT_URL", first.url());
    let transport = std::sync::Arc::new(smithy_rt::testing::ReplayTransport::new(vec![]));
    let _ = DefaultChain::new().env(env.shared()).transport(transport.clone()).build().provide_credentials().await;
    assert_eq!((first.requests().len(), server.requests().len()), (1, 1));
    let sent = transport.requests();
    assert_eq!(sent.first().map(|r| r.uri().host().unwrap_or("").to_string()).as_deref(), Some("sts.us-east-1.amazonaws.com"));
}
