//! Seeds and dictionaries: the canned responses of Smithy's protocol tests (read from the
//! models' `smithy.test#httpResponseTests` traits when `../shared/protocol-tests` is present,
//! plus a few built in so the driver runs without it), small models (the repository's fixtures
//! and one sub-model per operation of every protocol test model), and the names all of them use.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::mutate::{J, X};

/// The protocol ids seeds are filed under.
pub mod protocol {
    /// `aws.protocols#restJson1`.
    pub const REST_JSON: &str = "aws.protocols#restJson1";
    /// `aws.protocols#awsJson1_0`.
    pub const AWS_JSON_1_0: &str = "aws.protocols#awsJson1_0";
    /// `aws.protocols#awsJson1_1`.
    pub const AWS_JSON_1_1: &str = "aws.protocols#awsJson1_1";
    /// `aws.protocols#awsQuery`.
    pub const AWS_QUERY: &str = "aws.protocols#awsQuery";
    /// `aws.protocols#ec2Query`.
    pub const EC2_QUERY: &str = "aws.protocols#ec2Query";
    /// `aws.protocols#restXml`.
    pub const REST_XML: &str = "aws.protocols#restXml";
}

/// One canned HTTP response.
#[derive(Debug, Clone)]
pub struct ResponseSeed {
    /// The protocol id of the test case (`aws.protocols#restJson1`).
    pub protocol: String,
    /// The test case id, or `builtin-...`.
    pub id: String,
    /// The names of the operations this response answers (empty: any of the protocol's).
    pub operations: Vec<String>,
    /// The HTTP status.
    pub status: u16,
    /// Header names and values.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// The body as a JSON tree, when it is JSON.
    pub json: Option<J>,
    /// The body as XML nodes, when it is XML.
    pub xml: Option<Vec<X>>,
}

impl ResponseSeed {
    fn new(protocol: &str, id: String, operations: Vec<String>, status: u16, headers: Vec<(String, String)>, body: &str) -> ResponseSeed {
        let trimmed = body.trim_start();
        let json = if trimmed.starts_with('{') || trimmed.starts_with('[') { J::parse(body) } else { None };
        let xml = if trimmed.starts_with('<') { X::parse(body.as_bytes()) } else { None };
        ResponseSeed { protocol: protocol.to_string(), id, operations, status, headers, body: body.as_bytes().to_vec(), json, xml }
    }
}

/// A small model document.
#[derive(Debug, Clone)]
pub struct ModelSeed {
    /// Where it came from (`tests/fixtures/errors.json`, `aws.protocoltests.json10.json#GreetingWithErrors`).
    pub name: String,
    /// The JSON AST text.
    pub text: String,
    /// The same as a tree.
    pub tree: J,
}

/// Every seed and dictionary the targets draw from.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Canned responses of every protocol.
    pub responses: Vec<ResponseSeed>,
    /// Small model documents.
    pub models: Vec<ModelSeed>,
    /// JSON object keys and short strings the responses and models use.
    pub json_words: Vec<String>,
    /// XML element names (member names, `@xmlName`s, the seeds' element names).
    pub xml_names: Vec<String>,
    /// Header names (`@httpHeader`s, prefix headers, the seeds' headers, protocol headers).
    pub header_names: Vec<String>,
    /// Error names in the forms services send (`FooError`, `ns#FooError`, `FooError:http://...`).
    pub error_names: Vec<String>,
    /// Every shape id of the models, plus prelude ids.
    pub shape_ids: Vec<String>,
    /// Trait ids and values seen in the models (values small enough to splice anywhere).
    pub traits: Vec<(String, J)>,
    /// What was loaded, for the report.
    pub notes: Vec<String>,
}

/// Where Smithy's protocol test models are expected: `../shared/protocol-tests` beside the
/// workspace, or `$FUZZ_PROTOCOL_TESTS`.
pub fn protocol_tests_dir() -> PathBuf {
    std::env::var_os("FUZZ_PROTOCOL_TESTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/protocol-tests"))
}

/// The repository's fixture models.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// Prelude ids members may target; mutated targets point at them as often as at model shapes.
const PRELUDE_IDS: &[&str] = &[
    "smithy.api#String", "smithy.api#Integer", "smithy.api#Long", "smithy.api#Short", "smithy.api#Byte", "smithy.api#Float",
    "smithy.api#Double", "smithy.api#Boolean", "smithy.api#Blob", "smithy.api#Timestamp", "smithy.api#Document",
    "smithy.api#BigInteger", "smithy.api#BigDecimal", "smithy.api#Unit", "smithy.api#PrimitiveInteger",
    "smithy.api#PrimitiveBoolean", "smithy.api#required", "smithy.api#length", "smithy.api#range", "smithy.api#pattern",
    "smithy.api#error", "smithy.api#http", "smithy.api#mixin", "smithy.api#trait",
];

/// Header names every protocol reads.
const PROTOCOL_HEADERS: &[&str] = &[
    "content-type", "content-length", "x-amzn-errortype", "x-amzn-requestid", "x-amz-request-id", "x-amz-id-2",
    "x-amzn-query-error", "x-amz-target", "content-encoding", "date", "x-amz-date", "x-amzn-error-message", "retry-after",
];

impl Corpus {
    /// The built-in seeds, then whatever the protocol test models and fixtures add.
    pub fn load() -> Corpus {
        let mut corpus = Corpus::builtin();
        corpus.load_fixtures(&fixtures_dir());
        corpus.load_protocol_tests(&protocol_tests_dir());
        corpus.finish();
        corpus
    }

    /// Only the seeds compiled into the driver.
    pub fn builtin() -> Corpus {
        let mut corpus = Corpus::default();
        for (protocol, operations, status, headers, body) in BUILTIN_RESPONSES {
            let id = format!("builtin-{}", corpus.responses.len());
            let operations = operations.iter().map(|s| s.to_string()).collect();
            let headers = headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
            corpus.responses.push(ResponseSeed::new(protocol, id, operations, *status, headers, body));
        }
        for (name, text) in BUILTIN_MODELS {
            corpus.add_model(name.to_string(), text.to_string());
        }
        corpus.notes.push(format!("{} built-in responses, {} built-in models", BUILTIN_RESPONSES.len(), BUILTIN_MODELS.len()));
        corpus
    }

    fn add_model(&mut self, name: String, text: String) {
        if let Some(tree) = J::parse(&text) {
            self.models.push(ModelSeed { name, text, tree });
        }
    }

    fn load_fixtures(&mut self, dir: &Path) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            self.notes.push(format!("no fixtures at {}", dir.display()));
            return;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
        paths.sort();
        let before = self.models.len();
        for path in paths {
            if let Ok(text) = std::fs::read_to_string(&path) {
                if let Ok(value) = serde_json::from_str::<Value>(&text) {
                    self.harvest_model(&value);
                }
                self.add_model(format!("tests/fixtures/{}", path.file_name().unwrap_or_default().to_string_lossy()), text);
            }
        }
        self.notes.push(format!("{} fixture models from {}", self.models.len() - before, dir.display()));
    }

    fn load_protocol_tests(&mut self, dir: &Path) {
        let deps: BTreeMap<String, Value> = std::fs::read_to_string(dir.join("deps-trait-definitions.json"))
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
            .and_then(|v| v.get("shapes").and_then(Value::as_object).map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect()))
            .unwrap_or_default();
        let Ok(entries) = std::fs::read_dir(dir) else {
            self.notes.push(format!("no protocol test models at {} (built-in seeds only)", dir.display()));
            return;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
        paths.sort();
        let (responses_before, models_before) = (self.responses.len(), self.models.len());
        for path in paths {
            let file = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
            if file == "deps-trait-definitions.json" {
                continue;
            }
            let Some(value) = std::fs::read_to_string(&path).ok().and_then(|t| serde_json::from_str::<Value>(&t).ok()) else { continue };
            let Some(shapes) = value.get("shapes").and_then(Value::as_object) else { continue };
            self.harvest_model(&value);
            self.response_tests(shapes);
            self.sub_models(&file, shapes, &deps);
        }
        self.notes.push(format!(
            "{} response test cases and {} one-operation models from {}",
            self.responses.len() - responses_before,
            self.models.len() - models_before,
            dir.display()
        ));
    }

    /// Every `smithy.test#httpResponseTests` case: output cases answer their operation, error
    /// cases every operation that lists the error (or all, for service errors).
    fn response_tests(&mut self, shapes: &serde_json::Map<String, Value>) {
        let mut erroring: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for (id, shape) in shapes {
            if shape.get("type").and_then(Value::as_str) != Some("operation") {
                continue;
            }
            for error in shape.get("errors").and_then(Value::as_array).into_iter().flatten() {
                if let Some(target) = error.get("target").and_then(Value::as_str) {
                    erroring.entry(target).or_default().push(short_name(id).to_string());
                }
            }
        }
        for (id, shape) in shapes {
            let Some(cases) = shape.pointer("/traits/smithy.test#httpResponseTests").and_then(Value::as_array) else { continue };
            let operations = if shape.get("type").and_then(Value::as_str) == Some("operation") {
                vec![short_name(id).to_string()]
            } else {
                erroring.get(id.as_str()).cloned().unwrap_or_default()
            };
            for case in cases {
                if case.get("appliesTo").and_then(Value::as_str) == Some("server") {
                    continue;
                }
                let protocol = case.get("protocol").and_then(Value::as_str).unwrap_or_default();
                let status = case.get("code").and_then(Value::as_u64).and_then(|c| u16::try_from(c).ok()).unwrap_or(200);
                let headers: Vec<(String, String)> = case
                    .get("headers")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .filter_map(|(n, v)| Some((n.clone(), v.as_str()?.to_string())))
                    .collect();
                let body = case.get("body").and_then(Value::as_str).unwrap_or_default();
                let case_id = case.get("id").and_then(Value::as_str).unwrap_or("?").to_string();
                self.responses.push(ResponseSeed::new(protocol, case_id, operations.clone(), status, headers, body));
            }
        }
    }

    /// One small self-contained model per operation: the service reduced to that operation,
    /// plus every shape (trait definitions from `deps` included) any id in it reaches.
    fn sub_models(&mut self, file: &str, shapes: &serde_json::Map<String, Value>, deps: &BTreeMap<String, Value>) {
        let lookup = |id: &str| shapes.get(id).or_else(|| deps.get(id));
        for (service_id, service) in shapes.iter().filter(|(_, s)| s.get("type").and_then(Value::as_str) == Some("service")) {
            let operations: Vec<&str> =
                service.get("operations").and_then(Value::as_array).into_iter().flatten().filter_map(|o| o.get("target").and_then(Value::as_str)).collect();
            for operation in operations {
                let mut reduced = service.clone();
                if let Some(object) = reduced.as_object_mut() {
                    object.insert("operations".into(), serde_json::json!([{ "target": operation }]));
                    object.remove("resources");
                }
                let mut out = serde_json::Map::new();
                out.insert(service_id.clone(), reduced.clone());
                let mut queue = vec![reduced];
                let mut seen: BTreeSet<String> = BTreeSet::from([service_id.clone()]);
                while let Some(value) = queue.pop() {
                    let mut ids = Vec::new();
                    collect_ids(&value, &mut ids);
                    for id in ids {
                        if seen.contains(&id) {
                            continue;
                        }
                        if let Some(shape) = lookup(&id) {
                            seen.insert(id.clone());
                            out.insert(id, shape.clone());
                            queue.push(shape.clone());
                        }
                    }
                }
                let model = serde_json::json!({ "smithy": "2.0", "shapes": Value::Object(out) });
                let text = serde_json::to_string(&model).unwrap_or_default();
                self.add_model(format!("{file}#{}", short_name(operation)), text);
            }
        }
    }

    /// Names, ids and traits of a model, for the dictionaries.
    fn harvest_model(&mut self, model: &Value) {
        let Some(shapes) = model.get("shapes").and_then(Value::as_object) else { return };
        for (id, shape) in shapes {
            self.shape_ids.push(id.clone());
            let kind = shape.get("type").and_then(Value::as_str).unwrap_or_default();
            if shape.pointer("/traits/smithy.api#error").is_some() {
                let name = short_name(id);
                self.error_names.push(name.to_string());
                self.error_names.push(id.clone());
                self.error_names.push(format!("{name}:http://internal.amazon.com/coral/com.amazon.coral.validate/"));
            }
            self.harvest_traits(shape.get("traits"));
            for (member, body) in shape.get("members").and_then(Value::as_object).into_iter().flatten() {
                self.json_words.push(member.clone());
                self.xml_names.push(member.clone());
                self.harvest_traits(body.get("traits"));
                if let Some(traits) = body.get("traits") {
                    if let Some(name) = traits.get("smithy.api#jsonName").and_then(Value::as_str) {
                        self.json_words.push(name.to_string());
                    }
                    for key in ["smithy.api#xmlName", "aws.protocols#ec2QueryName"] {
                        if let Some(name) = traits.get(key).and_then(Value::as_str) {
                            self.xml_names.push(name.to_string());
                        }
                    }
                    if let Some(name) = traits.get("smithy.api#httpHeader").and_then(Value::as_str) {
                        self.header_names.push(name.to_string());
                    }
                    if let Some(prefix) = traits.get("smithy.api#httpPrefixHeaders").and_then(Value::as_str) {
                        self.header_names.push(format!("{prefix}abc"));
                        self.header_names.push(prefix.to_string());
                    }
                }
            }
            if kind == "enum" {
                for body in shape.get("members").and_then(Value::as_object).into_iter().flat_map(|m| m.values()) {
                    if let Some(value) = body.pointer("/traits/smithy.api#enumValue").and_then(Value::as_str) {
                        self.json_words.push(value.to_string());
                    }
                }
            }
            if kind == "operation" {
                let name = short_name(id);
                self.xml_names.push(format!("{name}Response"));
                self.xml_names.push(format!("{name}Result"));
            }
        }
    }

    fn harvest_traits(&mut self, traits: Option<&Value>) {
        for (id, value) in traits.and_then(Value::as_object).into_iter().flatten() {
            let tree = J::from_value(value);
            if tree.print().len() <= 1024 {
                self.traits.push((id.clone(), tree));
            }
        }
    }

    /// Add the seeds' own keys, names and headers to the dictionaries and sort them, so the
    /// dictionaries do not depend on the order files were read.
    fn finish(&mut self) {
        for seed in &self.responses {
            for (name, _) in &seed.headers {
                self.header_names.push(name.clone());
            }
            if let Some(tree) = &seed.json {
                collect_json_words(tree, &mut self.json_words);
            }
            if let Some(nodes) = &seed.xml {
                for node in nodes {
                    collect_xml_names(node, &mut self.xml_names);
                }
            }
        }
        self.header_names.extend(PROTOCOL_HEADERS.iter().map(|s| s.to_string()));
        self.shape_ids.extend(PRELUDE_IDS.iter().map(|s| s.to_string()));
        self.error_names.extend(["FooError", "InvalidGreeting", "ComplexError", "aws.protocoltests.restjson#FooError"].map(String::from));
        for list in [&mut self.json_words, &mut self.xml_names, &mut self.header_names, &mut self.error_names, &mut self.shape_ids] {
            list.retain(|w| w.len() <= 96);
            list.sort();
            list.dedup();
        }
        let mut seen = BTreeSet::new();
        self.traits.retain(|(id, value)| seen.insert(format!("{id}={}", value.print())));
    }

    /// The response seeds of one protocol.
    pub fn responses_of(&self, protocol: &str) -> Vec<&ResponseSeed> {
        self.responses.iter().filter(|s| s.protocol == protocol).collect()
    }
}

/// `Name` of `ns#Name`.
pub fn short_name(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, n)| n)
}

/// Every string and object key of `value` that could be a shape id.
fn collect_ids(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) if s.contains('#') => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| collect_ids(v, out)),
        Value::Object(map) => {
            for (k, v) in map {
                if k.contains('#') {
                    out.push(k.clone());
                }
                collect_ids(v, out);
            }
        }
        _ => {}
    }
}

fn collect_json_words(tree: &J, out: &mut Vec<String>) {
    match tree {
        J::Str(s) => out.push(s.clone()),
        J::Arr(items) => items.iter().for_each(|v| collect_json_words(v, out)),
        J::Obj(members) => {
            for (k, v) in members {
                out.push(k.clone());
                collect_json_words(v, out);
            }
        }
        _ => {}
    }
}

fn collect_xml_names(node: &X, out: &mut Vec<String>) {
    if let X::Elem { name, children, .. } = node {
        out.push(name.clone());
        children.iter().for_each(|c| collect_xml_names(c, out));
    }
}

type BuiltinResponse = (&'static str, &'static [&'static str], u16, &'static [(&'static str, &'static str)], &'static str);

/// A few responses per protocol, so the driver runs where `../shared` is absent.
const BUILTIN_RESPONSES: &[BuiltinResponse] = &[
    (protocol::REST_JSON, &["JsonUnions"], 200, &[("Content-Type", "application/json")], r#"{"contents":{"stringValue":"foo"}}"#),
    (protocol::REST_JSON, &["JsonUnions"], 200, &[("Content-Type", "application/json")], r#"{"contents":{"structureValue":{"hi":"hello"}}}"#),
    (protocol::REST_JSON, &["JsonUnions"], 200, &[("Content-Type", "application/json")], r#"{"contents":{"mapValue":{"a":"b"},"blobValue":"Zm9v","timestampValue":1398796238}}"#),
    (protocol::REST_JSON, &["JsonMaps"], 200, &[("Content-Type", "application/json")], r#"{"denseStructMap":{"foo":{"hi":"there"}},"sparseStringMap":{"a":null}}"#),
    (protocol::REST_JSON, &["JsonLists"], 200, &[("Content-Type", "application/json")], r#"{"stringList":["a","b"],"timestampList":[1398796238],"nestedStringList":[["a"]],"structureList":[{"a":"1"}]}"#),
    (protocol::REST_JSON, &["RecursiveShapes"], 200, &[("Content-Type", "application/json")], r#"{"nested":{"foo":"Foo1","nested":{"bar":"Bar1","recursiveMember":{"foo":"Foo2","nested":{"bar":"Bar2"}}}}}"#),
    (protocol::REST_JSON, &["HttpPrefixHeaders"], 200, &[("x-foo", "Foo"), ("x-foo-abc", "Abc value")], ""),
    (protocol::REST_JSON, &["DocumentType"], 200, &[("Content-Type", "application/json")], r#"{"stringValue":"string","documentValue":{"foo":[1,true,null]}}"#),
    (protocol::REST_JSON, &["GreetingWithErrors"], 400, &[("X-Amzn-Errortype", "FooError")], ""),
    (protocol::REST_JSON, &["GreetingWithErrors"], 400, &[("Content-Type", "application/json")], r#"{"__type":"aws.protocoltests.restjson#ComplexError","TopLevel":"Top","Nested":{"Fooooo":"bar"}}"#),
    (protocol::AWS_JSON_1_0, &["JsonUnions"], 200, &[("Content-Type", "application/x-amz-json-1.0")], r#"{"contents":{"stringValue":"foo"}}"#),
    (protocol::AWS_JSON_1_0, &["GreetingWithErrors"], 400, &[("Content-Type", "application/x-amz-json-1.0")], r#"{"__type":"aws.protocoltests.json10#InvalidGreeting","Message":"Hi"}"#),
    (protocol::AWS_JSON_1_0, &["QueryCompatibleOperation"], 400, &[("x-amzn-query-error", "Customized;Sender")], r#"{"__type":"aws.protocoltests.json10#CustomCodeError","message":"Hi"}"#),
    (protocol::AWS_JSON_1_1, &["KitchenSinkOperation"], 200, &[("Content-Type", "application/x-amz-json-1.1")], r#"{"String":"abc","Integer":1,"Long":2,"Double":1.5,"Timestamp":1,"Blob":"Zm9v","ListOfStrings":["a"],"MapOfStrings":{"a":"b"},"RecursiveStruct":{"RecursiveStruct":{}}}"#),
    (protocol::AWS_JSON_1_1, &["GreetingWithErrors"], 400, &[("Content-Type", "application/x-amz-json-1.1")], r#"{"__type":"aws.protocoltests.json#InvalidGreeting","Message":"Hi"}"#),
    (protocol::AWS_QUERY, &["XmlLists"], 200, &[("Content-Type", "text/xml")], r#"<XmlListsResponse xmlns="https://example.com/"><XmlListsResult><stringList><member>foo</member><member>bar</member></stringList></XmlListsResult></XmlListsResponse>"#),
    (protocol::AWS_QUERY, &["XmlMaps"], 200, &[("Content-Type", "text/xml")], r#"<XmlMapsResponse xmlns="https://example.com/"><XmlMapsResult><myMap><entry><key>foo</key><value><hi>there</hi></value></entry></myMap></XmlMapsResult></XmlMapsResponse>"#),
    (protocol::AWS_QUERY, &["GreetingWithErrors"], 400, &[("Content-Type", "text/xml")], r#"<ErrorResponse><Error><Type>Sender</Type><Code>InvalidGreeting</Code><Message>Hi</Message></Error><RequestId>foo-id</RequestId></ErrorResponse>"#),
    (protocol::EC2_QUERY, &["XmlLists"], 200, &[("Content-Type", "text/xml;charset=UTF-8")], r#"<XmlListsResponse xmlns="https://example.com/"><stringList><member>foo</member></stringList><requestId>requestid</requestId></XmlListsResponse>"#),
    (protocol::EC2_QUERY, &["GreetingWithErrors"], 400, &[("Content-Type", "text/xml;charset=UTF-8")], r#"<Response><Errors><Error><Code>InvalidGreeting</Code><Message>Hi</Message></Error></Errors><RequestID>foo-id</RequestID></Response>"#),
    (protocol::REST_XML, &["XmlLists"], 200, &[("Content-Type", "application/xml")], r#"<XmlListsResponse><stringList><member>foo</member></stringList></XmlListsResponse>"#),
    (protocol::REST_XML, &["GreetingWithErrors"], 400, &[("Content-Type", "application/xml")], r#"<ErrorResponse><Error><Type>Sender</Type><Code>InvalidGreeting</Code><Message>Hi</Message></Error><RequestId>foo-id</RequestId></ErrorResponse>"#),
];

/// One tiny model, so the loader target has a seed where the fixtures are absent.
const BUILTIN_MODELS: &[(&str, &str)] = &[(
    "builtin-model",
    r#"{"smithy":"2.0","shapes":{
        "ex#Service":{"type":"service","version":"1","operations":[{"target":"ex#Op"}],"traits":{"aws.protocols#restJson1":{}}},
        "ex#Op":{"type":"operation","input":{"target":"ex#OpInput"},"output":{"target":"ex#OpOutput"},"errors":[{"target":"ex#Bad"}],"traits":{"smithy.api#http":{"method":"POST","uri":"/op/{id}"}}},
        "ex#OpInput":{"type":"structure","members":{"id":{"target":"smithy.api#String","traits":{"smithy.api#required":{},"smithy.api#httpLabel":{},"smithy.api#length":{"min":1,"max":10},"smithy.api#pattern":"^[a-z]+$"}},"list":{"target":"ex#List"}}},
        "ex#OpOutput":{"type":"structure","members":{"choice":{"target":"ex#Choice"},"when":{"target":"smithy.api#Timestamp","traits":{"smithy.api#timestampFormat":"http-date"}}}},
        "ex#List":{"type":"list","member":{"target":"ex#OpOutput"}},
        "ex#Choice":{"type":"union","members":{"a":{"target":"smithy.api#Integer","traits":{"smithy.api#range":{"min":0}}},"b":{"target":"ex#Kind"}}},
        "ex#Kind":{"type":"enum","members":{"A":{"target":"smithy.api#Unit","traits":{"smithy.api#enumValue":"a"}}}},
        "ex#Bad":{"type":"structure","members":{"message":{"target":"smithy.api#String"}},"traits":{"smithy.api#error":"client","smithy.api#httpError":400}}
    }}"#,
)];
