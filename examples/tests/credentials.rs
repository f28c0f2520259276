//! The example program picks up every kind of credentials with nothing but the standard
//! environment variables and files: each case runs the real binary with a cleared environment,
//! a temporary home directory and one loopback server standing in for Connect, STS, SSO, the
//! container endpoint and IMDS, and checks whose keys signed the Connect request.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

/// What the server saw: method, path, `Authorization` and body.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    authorization: Option<String>,
    body: String,
}

struct Server {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

fn sts(action: &str, key: &str) -> String {
    format!(
        "<{action}Response><{action}Result><Credentials><AccessKeyId>{key}</AccessKeyId><SecretAccessKey>s</SecretAccessKey>\
         <SessionToken>t</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></{action}Result></{action}Response>"
    )
}

/// Every service the chain and the example talk to, told apart by method, path and action.
fn answer(seen: &Seen) -> (u16, String) {
    let json = |key: &str| format!(r#"{{"AccessKeyId": "{key}", "SecretAccessKey": "s", "Token": "t", "Expiration": "2099-01-01T00:00:00Z", "Code": "Success"}}"#);
    match (seen.method.as_str(), seen.path.as_str()) {
        ("POST", "/contact/attributes") => (200, "{}".to_string()),
        ("POST", "/") if seen.body.contains("Action=AssumeRoleWithWebIdentity") => (200, sts("AssumeRoleWithWebIdentity", "ASIAWEBIDENTITY1")),
        ("POST", "/") if seen.body.contains("Action=AssumeRole") => (200, sts("AssumeRole", "ASIAASSUMEDROLE1")),
        ("GET", path) if path.starts_with("/federation/credentials") => {
            (200, r#"{"roleCredentials": {"accessKeyId": "ASIASSOROLE00001", "secretAccessKey": "s", "sessionToken": "t", "expiration": 4070908800000}}"#.to_string())
        }
        ("GET", "/container-credentials") => (200, json("ASIACONTAINER001")),
        ("PUT", "/latest/api/token") => (200, "imds-token".to_string()),
        ("GET", "/latest/meta-data/iam/security-credentials/") => (200, "instance-role".to_string()),
        ("GET", "/latest/meta-data/iam/security-credentials/instance-role") => (200, json("ASIAINSTANCE0001")),
        _ => (404, String::new()),
    }
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = log.clone();
                std::thread::spawn(move || serve(stream, &log));
            }
        });
        Server { url, seen }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

/// One or more requests on a connection (hyper keeps connections alive).
fn serve(stream: TcpStream, log: &Mutex<Vec<Seen>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let (method, path) = (parts.next().unwrap_or("").to_string(), parts.next().unwrap_or("").to_string());
        let (mut length, mut authorization) = (0usize, None);
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                return;
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                match name.trim().to_ascii_lowercase().as_str() {
                    "content-length" => length = value.trim().parse().unwrap_or(0),
                    "authorization" => authorization = Some(value.trim().to_string()),
                    _ => {}
                }
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let seen = Seen { method, path, authorization, body: String::from_utf8_lossy(&body).into_owned() };
        let (status, reply) = answer(&seen);
        log.lock().unwrap().push(seen);
        let head = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nContent-Type: text/plain\r\n\r\n", reply.len());
        if writer.write_all(head.as_bytes()).and_then(|()| writer.write_all(reply.as_bytes())).is_err() {
            return;
        }
    }
}

/// A fresh home directory.
fn home(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("credentials-home").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".aws")).unwrap();
    dir
}

/// The example with only `vars` (plus HOME, PATH, the region and an unreachable IMDS) set.
fn example(home: &Path, vars: &[(&str, String)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_update-contact-attributes"));
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9")
        .args(["--instance-id", "inst-1", "--contact-id", "contact-1", "customerName=Jane"]);
    for (name, value) in vars {
        command.env(name, value);
    }
    command
}

/// Run `command`; the access key that signed the Connect request `server` saw.
fn signer(server: &Server, command: &mut Command) -> String {
    let output = command.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success() && stdout.contains("attributes updated"), "{command:?}: {}\n{stdout}", String::from_utf8_lossy(&output.stderr));
    let connect = server.seen().into_iter().rev().find(|s| s.path == "/contact/attributes").expect("a Connect request");
    let authorization = connect.authorization.expect("signed");
    authorization.split("Credential=").nth(1).and_then(|c| c.split('/').next()).unwrap().to_string()
}

/// Run the example with `vars` and every endpoint at `server`; the key that signed.
fn run(server: &Server, home: &Path, vars: &[(&str, String)]) -> String {
    signer(server, example(home, vars).env("AWS_ENDPOINT_URL", &server.url))
}

fn write(path: PathBuf, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn every_kind_of_credentials() {
    let server = Server::start();

    let dir = home("environment");
    assert_eq!(run(&server, &dir, &[("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT1".into()), ("AWS_SECRET_ACCESS_KEY", "s".into())]), "AKIAENVIRONMENT1");

    let dir = home("profile");
    write(dir.join(".aws/credentials"), "[work]\naws_access_key_id = AKIAPROFILEKEYS1\naws_secret_access_key = s\n");
    assert_eq!(run(&server, &dir, &[("AWS_PROFILE", "work".into())]), "AKIAPROFILEKEYS1");

    let dir = home("process");
    write(dir.join(".aws/config"), "[default]\ncredential_process = printf '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROCESSKEY01\", \"SecretAccessKey\": \"s\"}'\n");
    assert_eq!(run(&server, &dir, &[]), "AKIAPROCESSKEY01");

    let dir = home("role");
    write(dir.join(".aws/config"), "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\n");
    write(dir.join(".aws/credentials"), "[base]\naws_access_key_id = AKIABASEKEYS0001\naws_secret_access_key = s\n");
    assert_eq!(run(&server, &dir, &[("AWS_PROFILE", "admin".into())]), "ASIAASSUMEDROLE1");
    let assume = server.seen().into_iter().rev().find(|s| s.body.contains("Action=AssumeRole&")).expect("an AssumeRole call");
    assert!(assume.authorization.unwrap().contains("Credential=AKIABASEKEYS0001/"), "AssumeRole signed with the source profile");

    let dir = home("web-identity");
    write(dir.join("token"), "a-web-identity-token");
    assert_eq!(
        run(&server, &dir, &[("AWS_WEB_IDENTITY_TOKEN_FILE", dir.join("token").display().to_string()), ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/pod".into())]),
        "ASIAWEBIDENTITY1"
    );

    let dir = home("sso");
    write(dir.join(".aws/config"), "[default]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n");
    // The cache file is named by the SHA-1 of the session name `corp` (computed with Python's hashlib).
    write(dir.join(".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json"), r#"{"accessToken": "sso-access-token", "expiresAt": "2099-01-01T00:00:00Z"}"#);
    assert_eq!(run(&server, &dir, &[]), "ASIASSOROLE00001");

    let dir = home("container");
    assert_eq!(run(&server, &dir, &[("AWS_CONTAINER_CREDENTIALS_FULL_URI", format!("{}/container-credentials", server.url))]), "ASIACONTAINER001");

    let dir = home("imds");
    assert_eq!(run(&server, &dir, &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url.clone())]), "ASIAINSTANCE0001");
}

#[test]
fn endpoints_from_the_profile_file() {
    let server = Server::start();
    let keys = "aws_access_key_id = AKIAPROFILEURL01\naws_secret_access_key = s\n";

    let dir = home("profile-endpoint");
    write(dir.join(".aws/config"), &format!("[default]\n{keys}endpoint_url = {}\n", server.url));
    assert_eq!(signer(&server, &mut example(&dir, &[])), "AKIAPROFILEURL01");

    // The `services` section's entry for the client's own service wins over the profile's.
    let dir = home("services-endpoint");
    let config = format!("[default]\n{keys}services = local\nendpoint_url = http://127.0.0.1:9\n[services local]\nconnect =\n  endpoint_url = {}\n", server.url);
    write(dir.join(".aws/config"), &config);
    let before = server.seen().len();
    assert_eq!(signer(&server, &mut example(&dir, &[])), "AKIAPROFILEURL01");
    assert_eq!(server.seen().len(), before + 1);

    // Ignored, the call goes to Connect itself, which this machine cannot reach.
    let output = example(&dir, &[("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true".into())]).output().unwrap();
    assert!(!output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
    assert_eq!(server.seen().len(), before + 1, "the loopback server saw no request");
}
