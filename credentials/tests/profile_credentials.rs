//! The environment and profile providers: static keys, `credential_process` and their errors.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::ProvideCredentials;
use smithy_credentials::{describe, CredentialProcess, EnvironmentCredentials, FakeEnv, ProfileCredentials};

fn home(config: &str, credentials: &str) -> FakeEnv {
    FakeEnv::new().var("HOME", "/home/u").file("/home/u/.aws/config", config).file("/home/u/.aws/credentials", credentials)
}

async fn profile(env: FakeEnv) -> Result<aws_credential_types::Credentials, CredentialsError> {
    ProfileCredentials::new(env.shared()).provide_credentials().await
}

#[tokio::test]
async fn environment_variables() {
    let env = FakeEnv::new().var("AWS_ACCESS_KEY_ID", "AKID").var("AWS_SECRET_ACCESS_KEY", "SECRET").var("AWS_SESSION_TOKEN", "TOKEN");
    let credentials = EnvironmentCredentials::new(env.shared()).provide_credentials().await.unwrap();
    assert_eq!((credentials.access_key_id(), credentials.secret_access_key(), credentials.session_token()), ("AKID", "SECRET", Some("TOKEN")));

    let none = EnvironmentCredentials::new(FakeEnv::new().var("AWS_ACCESS_KEY_ID", "").shared()).provide_credentials().await.unwrap_err();
    assert!(matches!(none, CredentialsError::CredentialsNotLoaded(_)));
    assert!(describe(&none).ends_with("AWS_ACCESS_KEY_ID is not set"), "{}", describe(&none));

    let half = EnvironmentCredentials::new(FakeEnv::new().var("AWS_ACCESS_KEY_ID", "AKID").shared()).provide_credentials().await.unwrap_err();
    assert!(matches!(half, CredentialsError::InvalidConfiguration(_)), "{half:?}");
}

#[tokio::test]
async fn static_keys_from_credentials_file() {
    let credentials = profile(home("[default]\nregion = us-east-1\n", "[default]\naws_access_key_id = AKID\naws_secret_access_key = SECRET\n")).await.unwrap();
    assert_eq!((credentials.access_key_id(), credentials.secret_access_key(), credentials.session_token()), ("AKID", "SECRET", None));
}

#[tokio::test]
async fn selected_profile_and_session_token() {
    let env = home("[profile dev]\naws_access_key_id = AKID\naws_secret_access_key = SECRET\naws_session_token = TOKEN\n", "").var("AWS_PROFILE", "dev");
    let credentials = profile(env).await.unwrap();
    assert_eq!(credentials.session_token(), Some("TOKEN"));

    let explicit = ProfileCredentials::new(home("", "[other]\naws_access_key_id = A\naws_secret_access_key = S\n").shared()).profile_name("other");
    assert_eq!(explicit.provide_credentials().await.unwrap().access_key_id(), "A");
}

#[tokio::test]
async fn static_keys_win_over_credential_process() {
    let credentials = profile(home("[default]\naws_access_key_id = KEYS\naws_secret_access_key = S\ncredential_process = exit 1\n", "")).await.unwrap();
    assert_eq!(credentials.access_key_id(), "KEYS");
}

#[tokio::test]
async fn profile_errors() {
    let missing_default = profile(FakeEnv::new().var("HOME", "/nowhere")).await.unwrap_err();
    assert!(matches!(missing_default, CredentialsError::CredentialsNotLoaded(_)));
    assert!(describe(&missing_default).contains("there are no profile files"), "{}", describe(&missing_default));

    let missing_named = profile(home("[default]\n", "").var("AWS_PROFILE", "prod")).await.unwrap_err();
    assert!(matches!(missing_named, CredentialsError::InvalidConfiguration(_)));
    assert!(describe(&missing_named).contains("profile `prod` is not defined in /home/u/.aws/config"), "{}", describe(&missing_named));

    let no_secret = profile(home("", "[default]\naws_access_key_id = AKID\n")).await.unwrap_err();
    assert!(describe(&no_secret).contains("no `aws_secret_access_key`"));

    let nothing = profile(home("[default]\nregion = us-east-1\n", "")).await.unwrap_err();
    assert!(matches!(nothing, CredentialsError::CredentialsNotLoaded(_)));

    let malformed = profile(home("[default\n", "")).await.unwrap_err();
    assert!(matches!(malformed, CredentialsError::InvalidConfiguration(_)));
    assert!(describe(&malformed).contains("/home/u/.aws/config is malformed: line 1"), "{}", describe(&malformed));

    // Role profiles are tested in `roles.rs`; one whose source is missing is a configuration error.
    let role = profile(home("[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n", "")).await.unwrap_err();
    assert!(describe(&role).contains("names `source_profile = base`, which is not defined"), "{}", describe(&role));
}

fn script(json: &str) -> String {
    format!("printf '%s' '{json}'")
}

#[tokio::test]
async fn credential_process_success() {
    let command = script(r#"{"Version": 1, "AccessKeyId": "AKID", "SecretAccessKey": "SECRET", "SessionToken": "TOKEN", "Expiration": "2030-01-02T03:04:05Z"}"#);
    let env = home(&format!("[default]\ncredential_process = {command}\n"), "");
    let credentials = profile(env).await.unwrap();
    assert_eq!((credentials.access_key_id(), credentials.secret_access_key(), credentials.session_token()), ("AKID", "SECRET", Some("TOKEN")));
    assert_eq!(credentials.expiry(), Some(UNIX_EPOCH + Duration::from_secs(1_893_553_445)));
    assert!(credentials.expiry().unwrap() > SystemTime::now());

    let no_expiry = CredentialProcess::new(script(r#"{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "S"}"#)).run().await.unwrap();
    assert_eq!((no_expiry.session_token(), no_expiry.expiry()), (None, None));
}

async fn process_error(command: &str) -> String {
    let error = CredentialProcess::new(command).timeout(Duration::from_millis(500)).run().await.unwrap_err();
    assert!(matches!(error, CredentialsError::ProviderError(_)), "{error:?}");
    describe(&error)
}

#[tokio::test]
async fn credential_process_failures() {
    let failed = process_error("echo oops >&2; exit 3").await;
    assert!(failed.ends_with("credential_process `echo` exited with status 3: oops"), "{failed}");

    let not_json = process_error("echo not json").await;
    assert!(not_json.contains("printed unusable credentials: the response is not valid JSON"), "{not_json}");

    let version = process_error(&script(r#"{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "S"}"#)).await;
    assert!(version.contains("unsupported Version 2"), "{version}");

    let no_version = process_error(&script(r#"{"AccessKeyId": "A", "SecretAccessKey": "S"}"#)).await;
    assert!(no_version.contains("`Version` is missing"), "{no_version}");

    let no_secret = process_error(&script(r#"{"Version": 1, "AccessKeyId": "A"}"#)).await;
    assert!(no_secret.contains("`SecretAccessKey` is missing"), "{no_secret}");

    let bad_time = process_error(&script(r#"{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "S", "Expiration": "tomorrow"}"#)).await;
    assert!(bad_time.contains("`Expiration` `tomorrow` is not an RFC 3339 date-time"), "{bad_time}");

    let started = std::time::Instant::now();
    let slow = process_error("sleep 30").await;
    assert!(slow.contains("did not finish within 500ms and was killed"), "{slow}");
    assert!(started.elapsed() < Duration::from_secs(5));

    let missing = process_error("/definitely/not/a/program").await;
    assert!(missing.contains("exited with status 127"), "{missing}");
}

#[tokio::test]
async fn credential_process_errors_name_the_profile_not_the_arguments() {
    let env = home("[profile ci]\ncredential_process = false --password hunter2\n", "").var("AWS_PROFILE", "ci");
    let error = describe(&profile(env).await.unwrap_err());
    assert!(error.contains("profile `ci`: credential_process `false` exited with status 1"), "{error}");
    assert!(!error.contains("hunter2"));
}

#[test]
fn debug_hides_secrets() {
    let process = CredentialProcess::new("get-creds --token SECRET");
    assert!(!format!("{process:?}").contains("SECRET"));
    let env = FakeEnv::new().var("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI");
    assert!(!format!("{env:?}").contains("wJalrXUtnFEMI"));
}
