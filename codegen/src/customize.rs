//! The AWS customizations: what every AWS SDK does for a few services because their models
//! cannot say it. Each one names the service by its `aws.api#service` `sdkId`, says what it
//! does and where the SDKs do the same, and is lowered into plain IR data (a default header, a
//! value sent for an unset member, an operation flag) that the runtime applies generally. Nothing
//! else in the generator knows a service by name.
//!
//! | service | customization | botocore (`botocore/handlers.py`) | smithy-rs (`aws/sdk-codegen`) |
//! | --- | --- | --- | --- |
//! | API Gateway | `Accept: application/json` on every request (else responses may come back as HAL) | `add_accept_header` | `ApiGatewayDecorator` |
//! | Glacier | `x-amz-glacier-version: {service version}` on every request | `add_glacier_version` | `GlacierDecorator` (`GlacierApiVersionInterceptor`) |
//! | Glacier | `accountId` sent as `-` (the caller's account) when unset | `inject_account_id` | `GlacierDecorator` (`GlacierAccountIdAutofill`) |
//! | Glacier | `x-amz-content-sha256` and `x-amz-sha256-tree-hash` on `UploadArchive` and `UploadMultipartPart` | `add_glacier_checksums` | `GlacierDecorator` (`GlacierTreeHashHeaderInterceptor`) |
//! | Machine Learning | `Predict` goes to the host its `PredictEndpoint` input names | `switch_host_machinelearning` | `MachineLearningDecorator`; Smithy's `MachinelearningPredictEndpoint` case |

use crate::ir::{Customization, Structure};

const API_GATEWAY: &str = "API Gateway";
const GLACIER: &str = "Glacier";
const MACHINE_LEARNING: &str = "Machine Learning";

/// Headers every request of the service carries (unless the request sets them itself).
pub fn service_headers(sdk_id: Option<&str>, version: &str) -> Vec<(String, String)> {
    match sdk_id {
        Some(API_GATEWAY) => vec![("Accept".to_string(), "application/json".to_string())],
        Some(GLACIER) => vec![("x-amz-glacier-version".to_string(), version.to_string())],
        _ => Vec::new(),
    }
}

/// What the runtime does differently for one operation of the service, given its input.
pub fn operation(sdk_id: Option<&str>, operation: &str, input: &Structure) -> Vec<Customization> {
    let mut out = Vec::new();
    match sdk_id {
        Some(GLACIER) if matches!(operation, "UploadArchive" | "UploadMultipartPart") => out.push(Customization::TreeHashHeaders),
        Some(MACHINE_LEARNING) if operation == "Predict" => {
            if let Some(field) = input.fields.iter().position(|f| f.member == "PredictEndpoint") {
                out.push(Customization::EndpointFromMember { field });
            }
        }
        _ => {}
    }
    out
}

/// Adjust an operation input's members: Glacier's `accountId` becomes optional and is sent as
/// `-` when unset.
pub fn input_fields(sdk_id: Option<&str>, input: &mut Structure) {
    if sdk_id != Some(GLACIER) {
        return;
    }
    for field in &mut input.fields {
        if field.member == "accountId" {
            field.schema.required = false;
            field.schema.unset_value = Some("-".to_string());
            field.docs.notes.push("When unset, `-` is sent: the account of the credentials that sign the request.".to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Selection;

    /// A service named by `sdk_id` with one operation `name` whose input has `members`.
    fn lowered(sdk_id: &str, protocol: &str, name: &str, members: &str) -> crate::ir::Crate {
        let model = format!(
            r#"{{"smithy": "2.0", "shapes": {{
                "ex#Service": {{"type": "service", "version": "2012-06-01", "operations": [{{"target": "ex#{name}"}}],
                    "traits": {{"aws.api#service": {{"sdkId": "{sdk_id}"}}, "{protocol}": {{}}}}}},
                "ex#{name}": {{"type": "operation", "input": {{"target": "ex#{name}Input"}}, "output": {{"target": "smithy.api#Unit"}},
                    "traits": {{"smithy.api#http": {{"method": "POST", "uri": "/{{accountId}}/x", "code": 200}}}}}},
                "ex#{name}Input": {{"type": "structure", "members": {{{members}}}}}
            }}}}"#
        );
        let request = crate::Request::from_model("m.json", &model, Selection::All);
        crate::lower_request(&request).unwrap_or_else(|d| panic!("{d}")).0
    }

    const ACCOUNT: &str = r#""accountId": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#httpLabel": {}}}"#;

    #[test]
    fn glacier_sends_its_version_fills_the_account_and_hashes_uploads() {
        let krate = lowered("Glacier", "aws.protocols#restJson1", "UploadArchive", ACCOUNT);
        let wire = krate.wire.as_ref().expect("a wire");
        assert_eq!(wire.headers, [("x-amz-glacier-version".to_string(), "2012-06-01".to_string())]);
        let op = &krate.operations[0];
        assert_eq!(op.customizations, [Customization::TreeHashHeaders]);
        let input = krate.structure(op.input).expect("the input");
        let account = &input.fields[0].schema;
        assert_eq!((account.required, account.unset_value.as_deref()), (false, Some("-")));
        assert!(krate.runtime.features.iter().any(|f| f == "tree-hash"), "{:?}", krate.runtime.features);
    }

    #[test]
    fn other_services_are_left_alone() {
        let krate = lowered("Connect", "aws.protocols#restJson1", "UploadArchive", ACCOUNT);
        assert!(krate.wire.as_ref().expect("a wire").headers.is_empty());
        let op = &krate.operations[0];
        assert!(op.customizations.is_empty());
        let account = &krate.structure(op.input).expect("the input").fields[0].schema;
        assert_eq!((account.required, account.unset_value.as_deref()), (true, None));
    }

    #[test]
    fn api_gateway_asks_for_json() {
        let krate = lowered("API Gateway", "aws.protocols#restJson1", "GetRestApis", ACCOUNT);
        assert_eq!(krate.wire.as_ref().expect("a wire").headers, [("Accept".to_string(), "application/json".to_string())]);
    }

    #[test]
    fn machine_learning_predict_goes_to_its_endpoint() {
        let members = r#""PredictEndpoint": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}"#;
        let krate = lowered("Machine Learning", "aws.protocols#awsJson1_1", "Predict", members);
        assert_eq!(krate.operations[0].customizations, [Customization::EndpointFromMember { field: 0 }]);
    }

    #[test]
    fn only_the_named_services_get_headers() {
        assert_eq!(service_headers(Some("API Gateway"), "2015-07-09"), [("Accept".to_string(), "application/json".to_string())]);
        assert_eq!(service_headers(Some("Glacier"), "2012-06-01"), [("x-amz-glacier-version".to_string(), "2012-06-01".to_string())]);
        assert!(service_headers(Some("Connect"), "2017-08-08").is_empty());
        assert!(service_headers(None, "").is_empty());
    }
}
