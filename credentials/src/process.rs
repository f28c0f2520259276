//! `credential_process`: run a command and read credentials from its standard output.
//!
//! The command runs through the shell (`sh -c`, `cmd.exe /C` on Windows), as the AWS SDKs run
//! it. Messages name only its first word: the rest may hold secrets.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use aws_credential_types::provider::{self, error::CredentialsError, future, ProvideCredentials};

use crate::json::{self, Shape};

/// How long the command may run unless set otherwise.
pub const DEFAULT_PROCESS_TIMEOUT: Duration = Duration::from_secs(60);

/// At most this much of the command's output is read.
const MAX_OUTPUT: u64 = 1 << 20;

/// Runs one `credential_process` command.
#[derive(Clone)]
pub struct CredentialProcess {
    command: String,
    timeout: Duration,
}

impl std::fmt::Debug for CredentialProcess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialProcess").field("program", &self.program()).field("timeout", &self.timeout).finish()
    }
}

impl CredentialProcess {
    /// The command line, as written in the profile.
    pub fn new(command: impl Into<String>) -> Self {
        CredentialProcess { command: command.into(), timeout: DEFAULT_PROCESS_TIMEOUT }
    }

    /// Kill the command when it runs longer than this.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    fn program(&self) -> &str {
        self.command.split_whitespace().next().unwrap_or("")
    }

    /// Run the command and parse what it prints.
    ///
    /// # Errors
    ///
    /// When it cannot start, runs too long, exits unsuccessfully, or prints something other
    /// than version-1 credentials JSON.
    pub async fn run(&self) -> provider::Result {
        let program = self.program();
        let failed = |why: String| CredentialsError::provider_error(format!("credential_process `{program}` {why}"));
        if program.is_empty() {
            return Err(CredentialsError::invalid_configuration("credential_process is empty"));
        }
        let mut command = if cfg!(windows) {
            let mut command = Command::new("cmd.exe");
            command.arg("/C");
            command
        } else {
            let mut command = Command::new("sh");
            command.arg("-c");
            command
        };
        command.arg(&self.command).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().map_err(|error| failed(format!("could not be started: {error}")))?;
        let stdout = drain(child.stdout.take().map(|pipe| Box::new(pipe) as Box<dyn Read + Send>));
        let stderr = drain(child.stderr.take().map(|pipe| Box::new(pipe) as Box<dyn Read + Send>));
        let deadline = Instant::now() + self.timeout;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if Instant::now() >= deadline => {
                    // Reaping after the kill keeps no zombie behind; its result adds nothing.
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(failed(format!("did not finish within {:?} and was killed", self.timeout)));
                }
                Ok(None) => tokio::time::sleep(Duration::from_millis(10)).await,
                Err(error) => return Err(failed(format!("could not be waited for: {error}"))),
            }
        };
        // A background process the command left running may keep the pipes open: wait a little,
        // never forever.
        let grace = deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(500));
        let output = tokio::time::timeout(grace, async { (stdout.await.ok().unwrap_or_default(), stderr.await.ok().unwrap_or_default()) }).await;
        let Ok((stdout, stderr)) = output else {
            return Err(failed("exited but its output stayed open (a background process holds it)".to_string()));
        };
        if !status.success() {
            let stderr = String::from_utf8_lossy(&stderr);
            let stderr: String = stderr.trim().chars().take(500).collect();
            let code = status.code().map_or_else(|| "a signal".to_string(), |code| format!("status {code}"));
            return Err(failed(format!("exited with {code}{}", if stderr.is_empty() { String::new() } else { format!(": {stderr}") })));
        }
        json::credentials(&stdout, Shape { token: "SessionToken", version: true, code: false }, "CredentialProcess").map_err(|why| failed(format!("printed unusable credentials: {why}")))
    }
}

/// Read a pipe to its end on a thread, so neither pipe can fill up and block the command. The
/// pipe is a trait object so that one thread body serves both pipes.
fn drain(pipe: Option<Box<dyn Read + Send>>) -> tokio::sync::oneshot::Receiver<Vec<u8>> {
    let (send, receive) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(pipe) = pipe {
            // A read error ends the output early; what was read is still judged.
            let _ = pipe.take(MAX_OUTPUT).read_to_end(&mut bytes);
        }
        let _ = send.send(bytes);
    });
    receive
}

impl ProvideCredentials for CredentialProcess {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.run())
    }
}
