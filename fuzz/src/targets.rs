//! The targets: one per parser. Each knows how to make its inputs from the corpus and how to
//! feed one to the code under test.

use std::fmt::Debug;
use std::hint::black_box;

use smithy_rt::error::OperationError;
use smithy_rt::http::ResponseError;

use crate::model::{self, Depth};
use crate::mutate::{self, Format, J, X};
use crate::response::{valid_header, ResponseInput};
use crate::rng::Rng;
use crate::seeds::{protocol, Corpus, ResponseSeed};

/// One input of any target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// An HTTP response for one operation.
    Response(ResponseInput),
    /// Raw bytes (JSON or XML text, a model document, a header value).
    Bytes(Vec<u8>),
}

impl Input {
    /// The bytes of a reproduction file.
    pub fn encode(&self) -> Vec<u8> {
        match self {
            Input::Response(r) => r.encode(),
            Input::Bytes(b) => b.clone(),
        }
    }

    /// The size that matters for the code under test: the body, or the bytes.
    pub fn len(&self) -> usize {
        match self {
            Input::Response(r) => r.body.len() + r.headers.iter().map(|(n, v)| n.len() + v.len()).sum::<usize>(),
            Input::Bytes(b) => b.len(),
        }
    }

    /// Whether [`len`](Self::len) is zero.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What the code under test made of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Whether it was accepted (an output, a parsed document, a loaded model).
    pub ok: bool,
    /// A finer category for the report (`service error`, `deserialize error`, `checked`).
    pub label: &'static str,
}

impl Outcome {
    fn ok(label: &'static str) -> Outcome {
        Outcome { ok: true, label }
    }

    fn err(label: &'static str) -> Outcome {
        Outcome { ok: false, label }
    }
}

/// One operation of a generated protocol-test crate.
pub struct Operation {
    /// The Smithy operation name, which the seeds are filed under.
    pub name: &'static str,
    /// Its marker's `parse_response`, with the output or error formatted the way a program
    /// would print it.
    pub parse: fn(&http::Response<Vec<u8>>) -> Outcome,
}

/// What a target feeds, and to what.
pub enum Kind {
    /// `parse_response` of operations of one protocol.
    Response {
        /// The protocol id whose seeds it mutates.
        protocol: &'static str,
        /// The body syntax.
        format: Format,
        /// The operations an input may be addressed to.
        operations: &'static [Operation],
    },
    /// `smithy_rt::json::parse`, then every typed accessor on what it returns.
    Json,
    /// `smithy_rt::xml::parse`.
    Xml,
    /// The text parsers behind headers and timestamps (`smithy_rt::text`).
    Text,
    /// `codegen::model::assemble`, selection and checks on every input; `codegen::generate` on
    /// every `generate_every`th.
    Model,
    /// A target that panics on purpose, so tests can prove failures are caught and reported.
    Canary,
}

/// A named target.
pub struct Target {
    /// The name given to `--target`.
    pub name: &'static str,
    /// One line for `--list`.
    pub about: &'static str,
    /// What it runs.
    pub kind: Kind,
}

/// Format what the parser returned, as a program would: `Debug` of the output, `Display` and
/// `Debug` of the error. Formatting walks every decoded value, so it is part of the target.
fn outcome<O: Debug, E: OperationError>(result: Result<O, ResponseError<E>>) -> Outcome {
    match result {
        Ok(output) => {
            black_box(format!("{output:?}"));
            Outcome::ok("ok")
        }
        Err(error) => {
            black_box(format!("{error} {error:?}"));
            black_box(error.request_id());
            let mut source = std::error::Error::source(&error);
            while let Some(cause) = source {
                black_box(cause.to_string());
                source = cause.source();
            }
            match error {
                ResponseError::Service(_) => Outcome::err("service error"),
                ResponseError::Deserialize { .. } => Outcome::err("deserialize error"),
                _ => Outcome::err("other error"),
            }
        }
    }
}

macro_rules! operations {
    ($krate:ident: $($module:ident :: $marker:ident),* $(,)?) => {
        &[$(Operation {
            name: stringify!($marker),
            parse: |response| outcome($krate::operation::$module::$marker::parse_response(response)),
        }),*]
    };
}

const REST_JSON_OPERATIONS: &[Operation] = operations!(restjson_protocol_tests:
    json_unions::JsonUnions, json_maps::JsonMaps, json_lists::JsonLists, recursive_shapes::RecursiveShapes,
    http_prefix_headers::HttpPrefixHeaders, http_prefix_headers_in_response::HttpPrefixHeadersInResponse,
    http_empty_prefix_headers::HttpEmptyPrefixHeaders, document_type::DocumentType,
    document_type_as_payload::DocumentTypeAsPayload, document_type_as_map_value::DocumentTypeAsMapValue,
    json_timestamps::JsonTimestamps, json_blobs::JsonBlobs, json_enums::JsonEnums, json_int_enums::JsonIntEnums,
    sparse_json_maps::SparseJsonMaps, sparse_json_lists::SparseJsonLists, greeting_with_errors::GreetingWithErrors,
    input_and_output_with_headers::InputAndOutputWithHeaders, timestamp_format_headers::TimestampFormatHeaders,
    null_and_empty_headers_client::NullAndEmptyHeadersClient, http_payload_with_union::HttpPayloadWithUnion,
    http_payload_with_structure::HttpPayloadWithStructure, http_payload_traits::HttpPayloadTraits,
    http_enum_payload::HttpEnumPayload, http_string_payload::HttpStringPayload, http_response_code::HttpResponseCode,
    response_code_required::ResponseCodeRequired, operation_with_defaults::OperationWithDefaults,
    post_union_with_json_name::PostUnionWithJsonName, simple_scalar_properties::SimpleScalarProperties,
    datetime_offsets::DatetimeOffsets, fractional_seconds::FractionalSeconds,
);

const JSON10_OPERATIONS: &[Operation] = operations!(json10_protocol_tests:
    json_unions::JsonUnions, operation_with_defaults::OperationWithDefaults,
    operation_with_nested_structure::OperationWithNestedStructure, operation_with_required_members::OperationWithRequiredMembers,
    operation_with_required_members_with_defaults::OperationWithRequiredMembersWithDefaults,
    simple_scalar_properties::SimpleScalarProperties, greeting_with_errors::GreetingWithErrors,
    no_input_and_output::NoInputAndOutput, empty_input_and_empty_output::EmptyInputAndEmptyOutput,
);

const JSON10_QUERY_COMPATIBLE_OPERATIONS: &[Operation] = operations!(json10_query_compatible_protocol_tests:
    query_compatible_operation::QueryCompatibleOperation,
);

const JSON11_OPERATIONS: &[Operation] = operations!(json11_protocol_tests:
    kitchen_sink_operation::KitchenSinkOperation, json_unions::JsonUnions, json_enums::JsonEnums, json_int_enums::JsonIntEnums,
    put_and_get_inline_documents::PutAndGetInlineDocuments, sparse_nulls_operation::SparseNullsOperation,
    null_operation::NullOperation, datetime_offsets::DatetimeOffsets, fractional_seconds::FractionalSeconds,
    simple_scalar_properties::SimpleScalarProperties, greeting_with_errors::GreetingWithErrors,
    operation_with_optional_input_output::OperationWithOptionalInputOutput,
);

const QUERY_OPERATIONS: &[Operation] = operations!(query_protocol_tests:
    xml_lists::XmlLists, xml_maps::XmlMaps, xml_maps_xml_name::XmlMapsXmlName, flattened_xml_map::FlattenedXmlMap,
    flattened_xml_map_with_xml_name::FlattenedXmlMapWithXmlName,
    flattened_xml_map_with_xml_namespace::FlattenedXmlMapWithXmlNamespace, recursive_xml_shapes::RecursiveXmlShapes,
    xml_enums::XmlEnums, xml_int_enums::XmlIntEnums, xml_timestamps::XmlTimestamps, xml_blobs::XmlBlobs,
    xml_empty_blobs::XmlEmptyBlobs, xml_empty_lists::XmlEmptyLists, xml_empty_maps::XmlEmptyMaps,
    xml_namespaces::XmlNamespaces, simple_scalar_xml_properties::SimpleScalarXmlProperties,
    ignores_wrapping_xml_name::IgnoresWrappingXmlName, greeting_with_errors::GreetingWithErrors,
    datetime_offsets::DatetimeOffsets, fractional_seconds::FractionalSeconds,
    empty_input_and_empty_output::EmptyInputAndEmptyOutput,
);

const EC2_OPERATIONS: &[Operation] = operations!(ec2_protocol_tests:
    xml_lists::XmlLists, recursive_xml_shapes::RecursiveXmlShapes, xml_enums::XmlEnums, xml_int_enums::XmlIntEnums,
    xml_timestamps::XmlTimestamps, xml_blobs::XmlBlobs, xml_empty_blobs::XmlEmptyBlobs, xml_empty_lists::XmlEmptyLists,
    xml_namespaces::XmlNamespaces, simple_scalar_xml_properties::SimpleScalarXmlProperties,
    ignores_wrapping_xml_name::IgnoresWrappingXmlName, greeting_with_errors::GreetingWithErrors,
    datetime_offsets::DatetimeOffsets, fractional_seconds::FractionalSeconds, no_input_and_output::NoInputAndOutput,
);

const REST_XML_OPERATIONS: &[Operation] = operations!(restxml_protocol_tests:
    xml_lists::XmlLists, xml_maps::XmlMaps, xml_maps_xml_name::XmlMapsXmlName, nested_xml_maps::NestedXmlMaps,
    nested_xml_map_with_xml_name::NestedXmlMapWithXmlName, flattened_xml_map::FlattenedXmlMap,
    flattened_xml_map_with_xml_name::FlattenedXmlMapWithXmlName,
    flattened_xml_map_with_xml_namespace::FlattenedXmlMapWithXmlNamespace, recursive_shapes::RecursiveShapes,
    xml_unions::XmlUnions, xml_attributes::XmlAttributes, xml_attributes_in_middle::XmlAttributesInMiddle,
    xml_attributes_on_payload::XmlAttributesOnPayload, xml_namespaces::XmlNamespaces,
    xml_map_with_xml_namespace::XmlMapWithXmlNamespace, xml_timestamps::XmlTimestamps, xml_enums::XmlEnums,
    xml_int_enums::XmlIntEnums, xml_blobs::XmlBlobs, xml_empty_blobs::XmlEmptyBlobs, xml_empty_lists::XmlEmptyLists,
    xml_empty_maps::XmlEmptyMaps, xml_empty_strings::XmlEmptyStrings, http_prefix_headers::HttpPrefixHeaders,
    http_payload_with_union::HttpPayloadWithUnion, http_payload_with_structure::HttpPayloadWithStructure,
    http_payload_with_xml_name::HttpPayloadWithXmlName, http_payload_with_xml_namespace::HttpPayloadWithXmlNamespace,
    http_payload_with_xml_namespace_and_prefix::HttpPayloadWithXmlNamespaceAndPrefix,
    http_payload_with_member_xml_name::HttpPayloadWithMemberXmlName, http_payload_traits::HttpPayloadTraits,
    http_enum_payload::HttpEnumPayload, http_string_payload::HttpStringPayload, body_with_xml_name::BodyWithXmlName,
    greeting_with_errors::GreetingWithErrors, input_and_output_with_headers::InputAndOutputWithHeaders,
    timestamp_format_headers::TimestampFormatHeaders, null_and_empty_headers_client::NullAndEmptyHeadersClient,
    http_response_code::HttpResponseCode, simple_scalar_properties::SimpleScalarProperties,
    datetime_offsets::DatetimeOffsets, fractional_seconds::FractionalSeconds,
    ignore_query_params_in_response::IgnoreQueryParamsInResponse,
);

const S3_OPERATIONS: &[Operation] = operations!(s3_protocol_tests:
    get_bucket_location::GetBucketLocation, get_object::GetObject, list_objects_v2::ListObjectsV2,
    delete_object_tagging::DeleteObjectTagging,
);

/// Every target `--target all` runs, in order.
pub const TARGETS: &[Target] = &[
    Target {
        name: "restjson",
        about: "restJson1 parse_response (restjson-protocol-tests): bodies, header bindings, payloads, errors",
        kind: Kind::Response { protocol: protocol::REST_JSON, format: Format::Json, operations: REST_JSON_OPERATIONS },
    },
    Target {
        name: "json10",
        about: "awsJson1_0 parse_response (json10-protocol-tests)",
        kind: Kind::Response { protocol: protocol::AWS_JSON_1_0, format: Format::Json, operations: JSON10_OPERATIONS },
    },
    Target {
        name: "json10-query-compatible",
        about: "awsJson1_0 with @awsQueryCompatible (x-amzn-query-error) parse_response",
        kind: Kind::Response { protocol: protocol::AWS_JSON_1_0, format: Format::Json, operations: JSON10_QUERY_COMPATIBLE_OPERATIONS },
    },
    Target {
        name: "json11",
        about: "awsJson1_1 parse_response (json11-protocol-tests)",
        kind: Kind::Response { protocol: protocol::AWS_JSON_1_1, format: Format::Json, operations: JSON11_OPERATIONS },
    },
    Target {
        name: "query",
        about: "awsQuery parse_response (query-protocol-tests): XML results and ErrorResponse",
        kind: Kind::Response { protocol: protocol::AWS_QUERY, format: Format::Xml, operations: QUERY_OPERATIONS },
    },
    Target {
        name: "ec2",
        about: "ec2Query parse_response (ec2-protocol-tests): XML results and Response/Errors",
        kind: Kind::Response { protocol: protocol::EC2_QUERY, format: Format::Xml, operations: EC2_OPERATIONS },
    },
    Target {
        name: "restxml",
        about: "restXml parse_response (restxml-protocol-tests): XML bodies, attributes, payloads, header bindings, errors",
        kind: Kind::Response { protocol: protocol::REST_XML, format: Format::Xml, operations: REST_XML_OPERATIONS },
    },
    Target {
        name: "s3",
        about: "restXml with S3's customizations (unwrapped output, noErrorWrapping errors) parse_response (s3-protocol-tests)",
        kind: Kind::Response { protocol: protocol::REST_XML, format: Format::Xml, operations: S3_OPERATIONS },
    },
    Target { name: "json", about: "smithy_rt::json::parse and the typed accessors on its result", kind: Kind::Json },
    Target { name: "xml", about: "smithy_rt::xml::parse", kind: Kind::Xml },
    Target { name: "text", about: "smithy_rt::text: timestamps, numbers, booleans, base64, header lists", kind: Kind::Text },
    Target {
        name: "model",
        about: "codegen::model::assemble + select + check on every input, codegen::generate on every Nth",
        kind: Kind::Model,
    },
];

/// A target that is not in [`TARGETS`]: it panics on inputs holding a backslash.
pub const CANARY: Target = Target { name: "canary", about: "panics on purpose (tests of the driver)", kind: Kind::Canary };

/// The target called `name` (the canary included).
pub fn find(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name).or((name == CANARY.name).then_some(&CANARY))
}

/// What makes one input: the run's seed and size, and how often `generate` runs.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// The run's seed.
    pub seed: u64,
    /// How many inputs the run has (the truncation sweep is spread over a quarter of them).
    pub iterations: u64,
    /// The model target runs the whole `generate` on every `generate_every`th input (0: never).
    pub generate_every: u64,
}

impl Target {
    /// Input `index` of this target in the run `plan` describes.
    pub fn input(&self, corpus: &Corpus, plan: &Plan, index: u64) -> Input {
        let mut rng = Rng::for_input(plan.seed, self.name, index);
        let cut = self.truncation_sweep(corpus, plan, index);
        let sweep = cut.map(|(text, len)| self.sweep_texts(corpus)[text][..len].to_vec());
        match &self.kind {
            Kind::Response { protocol, format, operations } => {
                Input::Response(response_input(&mut rng, corpus, protocol, *format, operations, cut))
            }
            Kind::Json => Input::Bytes(sweep.unwrap_or_else(|| json_input(&mut rng, corpus))),
            Kind::Xml => Input::Bytes(sweep.unwrap_or_else(|| xml_input(&mut rng, corpus))),
            Kind::Text | Kind::Canary => Input::Bytes(sweep.unwrap_or_else(|| text_input(&mut rng, corpus))),
            Kind::Model => Input::Bytes(sweep.unwrap_or_else(|| model::generate(&mut rng, corpus).into_bytes())),
        }
    }

    /// How far the model target takes input `index` (other targets ignore it).
    pub fn depth(&self, plan: &Plan, index: u64) -> Depth {
        if plan.generate_every == 0 || index % plan.generate_every != 0 { Depth::Check } else { Depth::Generate }
    }

    /// Feed one input to the code under test.
    pub fn run(&self, input: &Input, depth: Depth) -> Outcome {
        match (&self.kind, input) {
            (Kind::Response { operations, .. }, Input::Response(response)) => {
                let Some(operation) = operations.iter().find(|o| o.name == response.operation) else {
                    return Outcome::err("unknown operation");
                };
                (operation.parse)(&response.to_http())
            }
            (Kind::Json, Input::Bytes(bytes)) => run_json(bytes),
            (Kind::Xml, Input::Bytes(bytes)) => run_xml(bytes),
            (Kind::Text, Input::Bytes(bytes)) => run_text(bytes),
            (Kind::Model, Input::Bytes(bytes)) => {
                let outcome = model::run(&String::from_utf8_lossy(bytes), depth);
                // A load failure first: the checks do not repeat the loader's errors.
                match (outcome.loaded, outcome.checked, outcome.generated) {
                    (_, _, Some(true)) => Outcome::ok("generated"),
                    (false, _, _) => Outcome::err("load failed"),
                    (true, false, _) => Outcome::err("loaded, check failed"),
                    (true, true, Some(false)) => Outcome::err("checked, generate failed"),
                    (true, true, None) => Outcome::ok("checked"),
                }
            }
            (Kind::Canary, Input::Bytes(bytes)) => {
                assert!(!bytes.contains(&b'\\'), "the canary found a backslash");
                Outcome::ok("ok")
            }
            _ => Outcome::err("input of another target"),
        }
    }

    /// Read a reproduction file as an input of this target.
    pub fn decode(&self, bytes: &[u8]) -> Option<Input> {
        match self.kind {
            Kind::Response { .. } => ResponseInput::decode(bytes).map(Input::Response),
            _ => Some(Input::Bytes(bytes.to_vec())),
        }
    }

    /// The file extension of reproduction files.
    pub fn extension(&self) -> &'static str {
        match self.kind {
            Kind::Response { .. } => "http",
            Kind::Json | Kind::Model => "json",
            Kind::Xml => "xml",
            Kind::Text | Kind::Canary => "txt",
        }
    }

    /// The texts the truncation sweep cuts: the seeds of this target.
    fn sweep_texts<'a>(&self, corpus: &'a Corpus) -> Vec<&'a [u8]> {
        match &self.kind {
            Kind::Response { protocol, .. } => corpus.responses_of(protocol).into_iter().map(|s| s.body.as_slice()).collect(),
            Kind::Json => corpus.responses.iter().filter(|s| s.json.is_some()).map(|s| s.body.as_slice()).collect(),
            Kind::Xml => corpus.responses.iter().filter(|s| s.xml.is_some()).map(|s| s.body.as_slice()).collect(),
            Kind::Model => corpus.models.iter().map(|m| m.text.as_bytes()).collect(),
            Kind::Text | Kind::Canary => Vec::new(),
        }
    }

    /// How many cuts the sweep has in all, and how many of them a run of `plan` makes.
    pub fn sweep_size(&self, corpus: &Corpus, plan: &Plan) -> (u64, u64) {
        let total: u64 = self.sweep_texts(corpus).iter().map(|t| t.len() as u64 + 1).sum();
        (total, total.min(plan.iterations / 4))
    }

    /// The first quarter of a run (at most) cuts every seed at every length, spread evenly when
    /// the run is too short for all of them. `Some((seed, length))`: input `index` is such a cut.
    fn truncation_sweep(&self, corpus: &Corpus, plan: &Plan, index: u64) -> Option<(usize, usize)> {
        let (total, budget) = self.sweep_size(corpus, plan);
        if index >= budget {
            return None;
        }
        let mut position = (u128::from(index) * u128::from(total) / u128::from(budget)) as u64;
        for (i, text) in self.sweep_texts(corpus).iter().enumerate() {
            let cuts = text.len() as u64 + 1;
            if position < cuts {
                return Some((i, position as usize));
            }
            position -= cuts;
        }
        None
    }
}

// -------------------------------------------------------------------------------------------
// Responses
// -------------------------------------------------------------------------------------------

const STATUSES: &[u16] = &[200, 201, 202, 204, 206, 299, 100, 101, 199, 300, 301, 304, 399, 400, 401, 403, 404, 409, 413, 429, 499, 500, 502, 503, 504, 599, 600, 999];

fn response_input(rng: &mut Rng, corpus: &Corpus, protocol: &str, format: Format, operations: &[Operation], cut: Option<(usize, usize)>) -> ResponseInput {
    let pool = corpus.responses_of(protocol);
    let operation = rng.pick(operations).name;
    if let Some((i, len)) = cut {
        // A cut keeps its seed's status and headers, and goes to the seed's operation when the
        // target has it.
        let seed = pool[i];
        let operation = seed.operations.iter().find(|o| operations.iter().any(|op| op.name == *o)).map_or(operation, |o| o.as_str());
        let headers = seed.headers.iter().map(|(n, v)| (n.clone(), v.as_bytes().to_vec())).collect();
        return ResponseInput { operation: operation.to_string(), status: seed.status, headers, body: seed.body[..len].to_vec() };
    }
    let own: Vec<&ResponseSeed> = pool.iter().copied().filter(|s| s.operations.iter().any(|o| o == operation)).collect();
    let seed: Option<&ResponseSeed> = if !own.is_empty() && rng.chance(70) {
        Some(*rng.pick(&own))
    } else if !pool.is_empty() {
        Some(*rng.pick(&pool))
    } else {
        None
    };
    let donor = if pool.is_empty() { None } else { Some(*rng.pick(&pool)) };
    let mut status = seed.map_or(200, |s| s.status);
    let mut headers: Vec<(String, Vec<u8>)> = seed.map(|s| s.headers.iter().map(|(n, v)| (n.clone(), v.as_bytes().to_vec())).collect()).unwrap_or_default();
    let mut body = match rng.below(10) {
        0 => seed.map(|s| s.body.clone()).unwrap_or_default(),
        1 => {
            status = *rng.pick(&[400, 403, 404, 409, 429, 500, 503]);
            error_body(rng, corpus, protocol)
        }
        2 => Vec::new(),
        _ => mutated_body(rng, corpus, seed, donor, format),
    };
    if rng.chance(25) {
        status = *rng.pick(STATUSES);
    }
    for _ in 0..rng.size(6) {
        mutate_headers(rng, corpus, &mut headers);
    }
    if matches!(format, Format::Json) && rng.one_in(30) {
        // restJson1 payload members take the body verbatim: make it binary.
        body = (0..rng.size(256)).map(|_| rng.next_u64() as u8).collect();
    }
    ResponseInput { operation: operation.to_string(), status, headers, body }
}

/// A body mutated as a tree (so it still parses and reaches the decoders) and then, sometimes,
/// as bytes.
fn mutated_body(rng: &mut Rng, corpus: &Corpus, seed: Option<&ResponseSeed>, donor: Option<&ResponseSeed>, format: Format) -> Vec<u8> {
    let raw = seed.map(|s| s.body.clone()).unwrap_or_default();
    let donor_bytes = donor.map(|d| d.body.clone()).unwrap_or_default();
    let mut body = match (format, seed) {
        (Format::Json, Some(ResponseSeed { json: Some(tree), .. })) if rng.chance(80) => {
            let donor_tree = donor.and_then(|d| d.json.clone()).unwrap_or_else(|| tree.clone());
            let mut tree = tree.clone();
            for _ in 0..1 + rng.size(7) {
                mutate::mutate_json(rng, &mut tree, &donor_tree, &corpus.json_words);
            }
            tree.print().into_bytes()
        }
        (Format::Xml, Some(ResponseSeed { xml: Some(doc), .. })) if rng.chance(80) => {
            let donor_doc = donor.and_then(|d| d.xml.clone()).unwrap_or_else(|| doc.clone());
            let mut doc = doc.clone();
            for _ in 0..1 + rng.size(7) {
                mutate::mutate_xml(rng, &mut doc, &donor_doc, &corpus.xml_names);
            }
            mutate::print_xml(&doc).into_bytes()
        }
        _ => {
            let mut bytes = raw;
            for _ in 0..1 + rng.size(7) {
                mutate::mutate_bytes(rng, &mut bytes, &donor_bytes, words(corpus, format), format);
            }
            return bytes;
        }
    };
    if rng.chance(20) {
        for _ in 0..1 + rng.size(3) {
            mutate::mutate_bytes(rng, &mut body, &donor_bytes, words(corpus, format), format);
        }
    }
    body
}

fn words(corpus: &Corpus, format: Format) -> &[String] {
    match format {
        Format::Xml => &corpus.xml_names,
        _ => &corpus.json_words,
    }
}

/// An error body in the protocol's shape naming an error the model has (or not).
fn error_body(rng: &mut Rng, corpus: &Corpus, protocol: &str) -> Vec<u8> {
    let code = if corpus.error_names.is_empty() || rng.one_in(5) { mutate::random_scalar_text(rng) } else { rng.pick(&corpus.error_names).clone() };
    let message = mutate::random_scalar_text(rng);
    if protocol == protocol::AWS_QUERY || protocol == protocol::EC2_QUERY || protocol == protocol::REST_XML {
        let (code, message) = (mutate::escape_xml(&code, false), mutate::escape_xml(&message, false));
        let body = if protocol == protocol::EC2_QUERY {
            format!("<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>id</RequestID></Response>")
        } else {
            format!("<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>id</RequestId></ErrorResponse>")
        };
        let mut doc = X::parse(body.as_bytes()).unwrap_or_default();
        let donor = doc.clone();
        for _ in 0..rng.size(4) {
            mutate::mutate_xml(rng, &mut doc, &donor, &corpus.xml_names);
        }
        return mutate::print_xml(&doc).into_bytes();
    }
    let key = *rng.pick(&["__type", "code", "__Type", "Code", "type"]);
    let mut tree = J::Obj(vec![(key.into(), J::Str(code)), (rng.pick(&["message", "Message", "errorMessage"]).to_string(), J::Str(message))]);
    let donor = tree.clone();
    for _ in 0..rng.size(4) {
        mutate::mutate_json(rng, &mut tree, &donor, &corpus.json_words);
    }
    tree.print().into_bytes()
}

/// Header values: the scalar texts, header lists with quoting, long and non-UTF-8 values.
fn header_value(rng: &mut Rng, corpus: &Corpus) -> Vec<u8> {
    match rng.below(8) {
        0 => mutate::random_scalar_text(rng).into_bytes(),
        1 => rng.pick(&["a,b", "\"a,b\", c", " a , b ", "\"a\\\"b\"", "\"unterminated", ",", ",,", "\"\"", "a, \"b", "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT"]).as_bytes().to_vec(),
        2 if !corpus.error_names.is_empty() => rng.pick(&corpus.error_names).as_bytes().to_vec(),
        3 => vec![b'a'; rng.size(1 << 16).max(1)],
        4 => (0..rng.range(1, 16)).map(|_| rng.range(0x80, 0xff) as u8).collect(),
        5 => rng.pick(&["application/json", "application/x-amz-json-1.0", "application/x-amz-json-1.1", "text/xml", "text/xml;charset=UTF-8", "application/xml", "text/plain", "application/octet-stream", "application/json; charset=utf-8", "", "*/*"]).as_bytes().to_vec(),
        6 => rng.pick(&["Customized;Sender", "Customized;Receiver", ";", "a;", ";b", "a;b;c", "AWS.SimpleQueueService.NonExistentQueue;Sender"]).as_bytes().to_vec(),
        _ => {
            let mut bytes = mutate::random_scalar_text(rng).into_bytes();
            mutate::mutate_bytes(rng, &mut bytes, b"", &[], Format::Text);
            bytes
        }
    }
}

fn mutate_headers(rng: &mut Rng, corpus: &Corpus, headers: &mut Vec<(String, Vec<u8>)>) {
    match rng.below(6) {
        0 if !headers.is_empty() => {
            let i = rng.below(headers.len());
            headers.remove(i);
        }
        1 if !headers.is_empty() => {
            let i = rng.below(headers.len());
            headers.push(headers[i].clone());
        }
        2 if !headers.is_empty() => {
            let i = rng.below(headers.len());
            let mut value = headers[i].1.clone();
            mutate::mutate_bytes(rng, &mut value, b"", &[], Format::Text);
            value.truncate(1 << 16);
            if valid_header(&headers[i].0, &value) {
                headers[i].1 = value;
            }
        }
        3 if !corpus.error_names.is_empty() => {
            let name = if rng.chance(80) { "x-amzn-errortype" } else { "x-amzn-query-error" };
            headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            let value = header_value(rng, corpus);
            if valid_header(name, &value) {
                headers.push((name.to_string(), value));
            }
        }
        _ => {
            if headers.len() >= 64 || corpus.header_names.is_empty() {
                return;
            }
            let name = rng.pick(&corpus.header_names).clone();
            let value = header_value(rng, corpus);
            if valid_header(&name, &value) {
                headers.push((name, value));
            }
        }
    }
}

// -------------------------------------------------------------------------------------------
// Raw parsers
// -------------------------------------------------------------------------------------------

/// Random JSON-ish token soup, for parser states no seed reaches.
fn soup(rng: &mut Rng, tokens: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..rng.size(64) {
        out.extend_from_slice(rng.pick(tokens).as_bytes());
    }
    out
}

fn json_input(rng: &mut Rng, corpus: &Corpus) -> Vec<u8> {
    let trees: Vec<&J> = corpus.responses.iter().filter_map(|s| s.json.as_ref()).chain(corpus.models.iter().take(16).map(|m| &m.tree)).collect();
    if trees.is_empty() || rng.one_in(10) {
        return soup(rng, &["{", "}", "[", "]", ",", ":", "\"a\"", "1", "-1.5e3", "true", "null", " ", "\"\\u0041\"", "\"\\ud800\"", "\u{0}", "0", "\""]);
    }
    let seed = *rng.pick(&trees);
    let donor = *rng.pick(&trees);
    let mut bytes = if rng.chance(70) {
        let mut tree = seed.clone();
        for _ in 0..1 + rng.size(7) {
            mutate::mutate_json(rng, &mut tree, donor, &corpus.json_words);
        }
        tree.print().into_bytes()
    } else {
        seed.print().into_bytes()
    };
    if rng.chance(50) {
        let donor = donor.print().into_bytes();
        for _ in 0..1 + rng.size(7) {
            mutate::mutate_bytes(rng, &mut bytes, &donor, &corpus.json_words, Format::Json);
        }
    }
    bytes
}

fn xml_input(rng: &mut Rng, corpus: &Corpus) -> Vec<u8> {
    let docs: Vec<&Vec<X>> = corpus.responses.iter().filter_map(|s| s.xml.as_ref()).collect();
    if docs.is_empty() || rng.one_in(10) {
        return soup(rng, &["<a>", "</a>", "<b/>", "<a x=\"1\">", "text", "&amp;", "&#x41;", "<![CDATA[c]]>", "<!--c-->", "<?p?>", "<", ">", "&", " ", "\"", "<!DOCTYPE a>"]);
    }
    let seed = *rng.pick(&docs);
    let donor = *rng.pick(&docs);
    let mut bytes = if rng.chance(70) {
        let mut doc = seed.clone();
        for _ in 0..1 + rng.size(7) {
            mutate::mutate_xml(rng, &mut doc, donor, &corpus.xml_names);
        }
        mutate::print_xml(&doc).into_bytes()
    } else {
        mutate::print_xml(seed).into_bytes()
    };
    if rng.chance(50) {
        let donor = mutate::print_xml(donor).into_bytes();
        for _ in 0..1 + rng.size(7) {
            mutate::mutate_bytes(rng, &mut bytes, &donor, &corpus.xml_names, Format::Xml);
        }
    }
    bytes
}

fn text_input(rng: &mut Rng, corpus: &Corpus) -> Vec<u8> {
    let mut bytes = match rng.below(4) {
        0 => header_value(rng, corpus),
        1 => rng.pick(mutate::TIMESTAMPS).as_bytes().to_vec(),
        2 => rng.pick(mutate::NUMBERS).as_bytes().to_vec(),
        _ => rng.pick(mutate::BASE64).as_bytes().to_vec(),
    };
    for _ in 0..rng.size(6) {
        let donor = rng.pick(mutate::TIMESTAMPS).as_bytes();
        mutate::mutate_bytes(rng, &mut bytes, donor, &[], Format::Text);
    }
    bytes.truncate(1 << 16);
    bytes
}

/// Parse, then convert every value the way the decoders do, so the accessors are fuzzed too.
fn run_json(bytes: &[u8]) -> Outcome {
    let json = match smithy_rt::json::parse(bytes) {
        Ok(json) => json,
        Err(error) => {
            black_box(format!("{error:?} {} {}", error.offset(), error.message()));
            return Outcome::err("rejected");
        }
    };
    black_box(json.to_document());
    let mut stack = vec![(&json, String::new())];
    while let Some((value, path)) = stack.pop() {
        black_box(value.kind());
        if let Some(number) = value.as_number() {
            black_box((number.as_str(), number.is_integer_literal()));
            black_box((value.to_i8(&path).is_ok(), value.to_i16(&path).is_ok(), value.to_i32(&path).is_ok(), value.to_i64(&path).is_ok()));
            black_box((value.to_f32(&path).is_ok(), value.to_f64(&path).is_ok()));
            black_box((value.to_big_integer_text(&path).map(|t| t.len()), value.to_big_decimal_text(&path).map(str::len)).0.is_ok());
        }
        if let Some(text) = value.as_str() {
            black_box((value.to_f64(&path).is_err(), smithy_rt::text::parse_date_time(text).is_ok(), smithy_rt::text::base64_decode(text).is_ok()));
        }
        if let Some(items) = value.as_array() {
            for (i, item) in items.iter().enumerate() {
                stack.push((item, smithy_rt::json::index_path(&path, i)));
            }
        }
        if let Some(members) = value.as_object() {
            for (key, item) in members {
                stack.push((item, smithy_rt::json::child_path(&path, key)));
            }
        }
        // Paths grow with depth (at most MAX_DEPTH); their cost is part of every error message.
        if stack.len() > 100_000 {
            break;
        }
    }
    Outcome::ok("parsed")
}

fn run_xml(bytes: &[u8]) -> Outcome {
    match smithy_rt::xml::parse(bytes) {
        Ok(root) => {
            let mut stack = vec![&root];
            let mut count = 0usize;
            while let Some(element) = stack.pop() {
                count += element.attributes.len();
                for child in &element.children {
                    match child {
                        smithy_rt::xml::Content::Element(e) => stack.push(e),
                        smithy_rt::xml::Content::Text(t) => count += t.len(),
                    }
                }
            }
            black_box(count);
            Outcome::ok("parsed")
        }
        Err(error) => {
            black_box(format!("{error} {error:?}"));
            Outcome::err("rejected")
        }
    }
}

fn run_text(bytes: &[u8]) -> Outcome {
    use smithy_rt::text;
    let s = String::from_utf8_lossy(bytes);
    let s = s.as_ref();
    let mut accepted = false;
    for time in [text::parse_epoch_seconds(s), text::parse_date_time(s), text::parse_http_date(s)] {
        match time {
            Ok(time) => {
                accepted = true;
                black_box((text::format_epoch_seconds(&time), text::format_date_time(&time), text::format_http_date(&time), text::timestamp_in_range(&time)));
            }
            Err(error) => {
                black_box(error.to_string());
            }
        }
    }
    accepted |= text::parse_bool(s).is_ok();
    accepted |= text::parse_i8(s).is_ok() | text::parse_i16(s).is_ok() | text::parse_i32(s).is_ok() | text::parse_i64(s).is_ok();
    if let Ok(value) = text::parse_f64(s) {
        accepted = true;
        black_box(text::format_f64(value));
    }
    if let Ok(value) = text::parse_f32(s) {
        black_box(text::format_f32(value));
    }
    if let Ok(decoded) = text::base64_decode(s) {
        black_box(text::base64_encode(&decoded));
    }
    if let Ok(items) = text::split_header_list(s) {
        for item in &items {
            black_box(text::quote_header_list_item(item));
        }
    }
    black_box(text::split_http_date_list(s).is_ok());
    black_box(text::sanitize_error_code(s));
    black_box((text::decimal_cmp(s, "1e3"), text::decimal_cmp(s, s), text::decimal_cmp("-0.5", s)));
    black_box((text::encode_label(s), text::encode_greedy_label(s), text::encode_query(s)));
    if accepted { Outcome::ok("parsed") } else { Outcome::err("rejected") }
}
