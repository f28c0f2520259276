//! Update a contact's attributes in Amazon Connect.
//!
//! ```text
//! AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... \
//!   cargo run -p update-contact-attributes -- --instance-id <id> --contact-id <id> customerName=Jane reason=billing
//! ```
//!
//! Credentials come from the AWS default chain (environment variables, `~/.aws/config` and
//! `~/.aws/credentials` profiles with keys, roles, web identity, SSO or `credential_process`,
//! `AWS_WEB_IDENTITY_TOKEN_FILE`, ECS/EKS container credentials, EC2 instance metadata); the
//! region from `AWS_REGION`, the profile or IMDS; an optional endpoint override from
//! `AWS_ENDPOINT_URL`. Invalid input is refused before anything is sent, with every
//! problem listed.

use std::process::ExitCode;

use aws_connect::Client;

const USAGE: &str = "usage: update-contact-attributes --instance-id ID --contact-id ID KEY=VALUE [KEY=VALUE ...]";

struct Args {
    instance_id: String,
    contact_id: String,
    attributes: Vec<(String, String)>,
}

fn parse(args: impl Iterator<Item = String>) -> Result<Args, String> {
    let (mut instance_id, mut contact_id, mut attributes) = (None, None, Vec::new());
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--instance-id" => instance_id = Some(args.next().ok_or("--instance-id needs a value")?),
            "--contact-id" => contact_id = Some(args.next().ok_or("--contact-id needs a value")?),
            "-h" | "--help" => return Err(USAGE.to_string()),
            pair => match pair.split_once('=') {
                Some((key, value)) => attributes.push((key.to_string(), value.to_string())),
                None => return Err(format!("`{pair}` is not KEY=VALUE\n{USAGE}")),
            },
        }
    }
    match (instance_id, contact_id) {
        (Some(instance_id), Some(contact_id)) if !attributes.is_empty() => Ok(Args { instance_id, contact_id, attributes }),
        _ => Err(USAGE.to_string()),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let client = match Client::from_env().await {
        Ok(client) => client,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    let mut request = client.update_contact_attributes().instance_id(args.instance_id).initial_contact_id(args.contact_id);
    for (key, value) in args.attributes {
        request = request.attributes(key, value);
    }
    match request.send().await {
        Ok(_) => {
            println!("attributes updated");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            if let Some(request_id) = error.request_id() {
                eprintln!("request id: {request_id}");
            }
            ExitCode::FAILURE
        }
    }
}
