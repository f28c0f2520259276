//! The AWS customizations of `codegen/src/customize.rs`, end to end through a generated crate
//! (`tests/snapshots/glacier_customizations`): what the request carries, and that the caller's
//! own values win.

use fixture_glacier_customizations::operation::list_vaults::{ListVaults, ListVaultsInput};
use fixture_glacier_customizations::operation::upload_archive::{UploadArchive, UploadArchiveInput};
use fixture_glacier_customizations::primitives::Blob;

const ENDPOINT: &str = "https://glacier.us-east-1.amazonaws.com";

fn hex_sha256(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn glacier_requests_carry_the_version_and_the_callers_account_by_default() {
    // `accountId` is @required in the model, yet a request without it is valid: `-` is sent.
    let input = ListVaultsInput::builder().build().expect("accountId may be left unset");
    let request = ListVaults::serialize_request(&input, ENDPOINT).expect("serializes");
    assert_eq!(request.uri().path(), "/-/vaults");
    assert_eq!(request.headers()["x-amz-glacier-version"], "2012-06-01");
    // A caller's account is sent as given.
    let input = ListVaultsInput::builder().account_id("123456789012").build().expect("valid");
    let request = ListVaults::serialize_request(&input, ENDPOINT).expect("serializes");
    assert_eq!(request.uri().path(), "/123456789012/vaults");
}

#[test]
fn glacier_uploads_carry_their_checksums() {
    let body = vec![b'g'; 3 * 1024 * 1024 + 5];
    let input = UploadArchiveInput::builder().vault_name("photos").body(Blob::new(body.clone())).build().expect("valid");
    let request = UploadArchive::serialize_request(&input, ENDPOINT).expect("serializes");
    assert_eq!(request.uri().path(), "/-/vaults/photos/archives");
    assert_eq!(request.headers()["x-amz-content-sha256"], hex_sha256(&body).as_str());
    // Four 1 MiB chunks: ((h0 h1)(h2 h3)), the last one short.
    use sha2::Digest as _;
    let leaves: Vec<[u8; 32]> = body.chunks(1 << 20).map(|c| sha2::Sha256::digest(c).into()).collect();
    let pair = |a: &[u8; 32], b: &[u8; 32]| -> [u8; 32] { sha2::Sha256::digest([&a[..], &b[..]].concat()).into() };
    let root = pair(&pair(&leaves[0], &leaves[1]), &pair(&leaves[2], &leaves[3]));
    let root: String = root.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(request.headers()["x-amz-sha256-tree-hash"], root.as_str());
    // A tree hash the caller computed is kept.
    let input = UploadArchiveInput::builder().vault_name("photos").checksum("abc").body(Blob::new(body)).build().expect("valid");
    let request = UploadArchive::serialize_request(&input, ENDPOINT).expect("serializes");
    assert_eq!(request.headers()["x-amz-sha256-tree-hash"], "abc");
}
