//! The runtime's `xml` module: the parser on well-formed and hostile input, the writer's
//! escaping, and the schema-driven decoder and encoder on cases of Smithy's restXml (and
//! awsQuery) protocol tests, with hand-written schemas and types shaped like generated ones.

use std::collections::HashMap;
use std::fmt;

use smithy_rt::decode::{Decode, Decoder, Slot, SlotMut};
use smithy_rt::primitives::{Blob, DateTime, Document};
use smithy_rt::schema::{Binding, Member, Node, Schema, TimestampFormat, XmlNamespace};
use smithy_rt::value::{Structure, StructureMut, Union, Value, View};
use smithy_rt::xml::{
    parse, payload_name, root_name, write_payload, write_structure, Content, Element, XmlDecoder, XmlError, XmlWriter, MAX_DEPTH,
};

mod common;

use common::{shared_file, Rng};

// ------------------------------------------------------------------------------------------
// Test types: what `structure!` and `union!` generate, without the builders (which need the
// `validate` feature).
// ------------------------------------------------------------------------------------------

macro_rules! test_structure {
    ($ty:ident, $schema:ident, [$($index:literal $field:ident: $t:ty),* $(,)?]) => {
        #[derive(Default)]
        struct $ty {
            $($field: Option<$t>,)*
        }

        impl Structure for $ty {
            fn member(&self, index: usize) -> Option<&dyn Slot> {
                match index {
                    $($index => Some(&self.$field),)*
                    _ => None,
                }
            }
        }

        impl StructureMut for $ty {
            fn member_mut(&mut self, index: usize) -> Option<&mut dyn SlotMut> {
                match index {
                    $($index => Some(&mut self.$field),)*
                    _ => None,
                }
            }
        }

        impl Value for $ty {
            fn view(&self) -> View<'_> {
                View::Structure(&$schema, self)
            }
        }

        impl Decode for $ty {
            fn decode(decoder: &mut dyn Decoder) -> smithy_rt::decode::Result<Self> {
                smithy_rt::decode::structure(decoder, &$schema)
            }
        }

        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                smithy_rt::debug::value(self, f)
            }
        }

        impl PartialEq for $ty {
            fn eq(&self, other: &Self) -> bool {
                smithy_rt::value::equal(self.view(), other.view())
            }
        }
    };
}

static FOO_ENUM: Schema = Schema::enumeration("aws.protocoltests.shared#FooEnum", "FooEnum", "[Foo, Baz, Bar, 1, 0]");
static INT_ENUM: Schema = Schema::int_enumeration("aws.protocoltests.shared#IntegerEnum", "IntegerEnum", "[1, 2, 3]");

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct FooEnum(String);

impl Value for FooEnum {
    fn view(&self) -> View<'_> {
        View::Enum { value: &self.0, known: true, schema: &FOO_ENUM }
    }
}

impl Decode for FooEnum {
    fn decode(decoder: &mut dyn Decoder) -> smithy_rt::decode::Result<Self> {
        decoder.string().map(FooEnum)
    }
}

fn foo(value: &str) -> FooEnum {
    FooEnum(value.to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct IntEnum(i32);

impl Value for IntEnum {
    fn view(&self) -> View<'_> {
        View::IntEnum { value: self.0, known: true, schema: &INT_ENUM }
    }
}

impl Decode for IntEnum {
    fn decode(decoder: &mut dyn Decoder) -> smithy_rt::decode::Result<Self> {
        decoder.integer().map(IntEnum)
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn map<V>(entries: Vec<(&str, V)>) -> HashMap<String, V> {
    entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

// SimpleScalarProperties

static SCALARS: Schema = Schema::structure(
    "aws.protocoltests.restxml#SimpleScalarPropertiesRequest",
    "Scalars",
    &[
        Member::string("foo", "foo").binding(Binding::Header("X-Foo")),
        Member::string("stringValue", "string_value"),
        Member::boolean("trueBooleanValue", "true_boolean_value"),
        Member::boolean("falseBooleanValue", "false_boolean_value"),
        Member::byte("byteValue", "byte_value"),
        Member::short("shortValue", "short_value"),
        Member::integer("integerValue", "integer_value"),
        Member::long("longValue", "long_value"),
        Member::float("floatValue", "float_value"),
        Member::double("doubleValue", "double_value").xml_name("DoubleDribble"),
    ],
);
test_structure!(Scalars, SCALARS, [
    0 foo: String, 1 string_value: String, 2 true_boolean_value: bool, 3 false_boolean_value: bool, 4 byte_value: i8,
    5 short_value: i16, 6 integer_value: i32, 7 long_value: i64, 8 float_value: f32, 9 double_value: f64,
]);

fn all_scalars() -> Scalars {
    Scalars {
        foo: Some("Foo".into()),
        string_value: Some("string".into()),
        true_boolean_value: Some(true),
        false_boolean_value: Some(false),
        byte_value: Some(1),
        short_value: Some(2),
        integer_value: Some(3),
        long_value: Some(4),
        float_value: Some(5.5),
        double_value: Some(6.5),
    }
}

fn string_value(value: &str) -> Scalars {
    Scalars { foo: Some("Foo".into()), string_value: Some(value.into()), ..Scalars::default() }
}

// XmlLists (and XmlEmptyLists, which has the same members)

static STRING_LIST: Schema = Schema::list("aws.protocoltests.shared#StringList", &[Member::string("member", "member")]);
static INTEGER_LIST: Schema = Schema::list("aws.protocoltests.shared#IntegerList", &[Member::integer("member", "member")]);
static BOOLEAN_LIST: Schema = Schema::list("aws.protocoltests.shared#BooleanList", &[Member::boolean("member", "member")]);
static TIMESTAMP_LIST: Schema = Schema::list("aws.protocoltests.shared#TimestampList", &[Member::timestamp("member", "member")]);
static FOO_ENUM_LIST: Schema = Schema::list("aws.protocoltests.shared#FooEnumList", &[Member::new("member", "member", &FOO_ENUM)]);
static INT_ENUM_LIST: Schema = Schema::list("aws.protocoltests.shared#IntegerEnumList", &[Member::new("member", "member", &INT_ENUM)]);
static NESTED_STRING_LIST: Schema = Schema::list("aws.protocoltests.shared#NestedStringList", &[Member::new("member", "member", &STRING_LIST)]);
static RENAMED: Schema = Schema::list("aws.protocoltests.restxml#RenamedListMembers", &[Member::string("member", "member").xml_name("item")]);
static WITH_MEMBER_NAMESPACE: Schema = Schema::list(
    "aws.protocoltests.restxml#ListWithMemberNamespace",
    &[Member::string("member", "member").xml_namespace("https://xml-member.example.com", None)],
)
.xml_namespace("https://xml-list.example.com", None);
static WITH_NAMESPACE: Schema =
    Schema::list("aws.protocoltests.restxml#ListWithNamespace", &[Member::string("member", "member")]).xml_namespace("https://xml-list.example.com", None);
static LIST_ITEM: Schema = Schema::structure(
    "aws.protocoltests.restxml#StructureListMember",
    "ListItem",
    &[Member::string("a", "a").xml_name("value"), Member::string("b", "b").xml_name("other")],
);
test_structure!(ListItem, LIST_ITEM, [0 a: String, 1 b: String]);
static STRUCTURE_LIST: Schema = Schema::list("aws.protocoltests.restxml#StructureList", &[Member::new("member", "member", &LIST_ITEM).xml_name("item")]);

static LISTS: Schema = Schema::structure(
    "aws.protocoltests.restxml#XmlListsRequest",
    "Lists",
    &[
        Member::new("stringList", "string_list", &STRING_LIST),
        Member::new("stringSet", "string_set", &STRING_LIST),
        Member::new("integerList", "integer_list", &INTEGER_LIST),
        Member::new("booleanList", "boolean_list", &BOOLEAN_LIST),
        Member::new("timestampList", "timestamp_list", &TIMESTAMP_LIST),
        Member::new("enumList", "enum_list", &FOO_ENUM_LIST),
        Member::new("intEnumList", "int_enum_list", &INT_ENUM_LIST),
        Member::new("nestedStringList", "nested_string_list", &NESTED_STRING_LIST),
        Member::new("renamedListMembers", "renamed_list_members", &RENAMED).xml_name("renamed"),
        Member::new("flattenedList", "flattened_list", &RENAMED).xml_flattened(),
        Member::new("flattenedList2", "flattened_list2", &RENAMED).xml_name("customName").xml_flattened(),
        Member::new("flattenedListWithMemberNamespace", "flattened_list_with_member_namespace", &WITH_MEMBER_NAMESPACE).xml_flattened(),
        Member::new("flattenedListWithNamespace", "flattened_list_with_namespace", &WITH_NAMESPACE).xml_flattened(),
        Member::new("structureList", "structure_list", &STRUCTURE_LIST).xml_name("myStructureList"),
        Member::new("flattenedStructureList", "flattened_structure_list", &STRUCTURE_LIST).xml_flattened(),
    ],
);
test_structure!(Lists, LISTS, [
    0 string_list: Vec<String>, 1 string_set: Vec<String>, 2 integer_list: Vec<i32>, 3 boolean_list: Vec<bool>,
    4 timestamp_list: Vec<DateTime>, 5 enum_list: Vec<FooEnum>, 6 int_enum_list: Vec<IntEnum>,
    7 nested_string_list: Vec<Vec<String>>, 8 renamed_list_members: Vec<String>, 9 flattened_list: Vec<String>,
    10 flattened_list2: Vec<String>, 11 flattened_list_with_member_namespace: Vec<String>,
    12 flattened_list_with_namespace: Vec<String>, 13 structure_list: Vec<ListItem>, 14 flattened_structure_list: Vec<ListItem>,
]);

fn item(a: &str, b: &str) -> ListItem {
    ListItem { a: Some(a.into()), b: Some(b.into()) }
}

/// The params of the XmlLists request test.
fn xml_lists() -> Lists {
    Lists {
        string_list: Some(strings(&["foo", "bar"])),
        string_set: Some(strings(&["foo", "bar"])),
        integer_list: Some(vec![1, 2]),
        boolean_list: Some(vec![true, false]),
        timestamp_list: Some(vec![DateTime::from_secs(1398796238), DateTime::from_secs(1398796238)]),
        enum_list: Some(vec![foo("Foo"), foo("0")]),
        int_enum_list: Some(vec![IntEnum(1), IntEnum(2)]),
        nested_string_list: Some(vec![strings(&["foo", "bar"]), strings(&["baz", "qux"])]),
        renamed_list_members: Some(strings(&["foo", "bar"])),
        flattened_list: Some(strings(&["hi", "bye"])),
        flattened_list2: Some(strings(&["yep", "nope"])),
        flattened_list_with_member_namespace: None,
        flattened_list_with_namespace: None,
        structure_list: Some(vec![item("1", "2"), item("3", "4")]),
        flattened_structure_list: Some(vec![item("5", "6"), item("7", "8")]),
    }
}

const XML_LISTS_REQUEST: &str = r#"<XmlListsRequest>
    <stringList>
        <member>foo</member>
        <member>bar</member>
    </stringList>
    <stringSet>
        <member>foo</member>
        <member>bar</member>
    </stringSet>
    <integerList>
        <member>1</member>
        <member>2</member>
    </integerList>
    <booleanList>
        <member>true</member>
        <member>false</member>
    </booleanList>
    <timestampList>
        <member>2014-04-29T18:30:38Z</member>
        <member>2014-04-29T18:30:38Z</member>
    </timestampList>
    <enumList>
        <member>Foo</member>
        <member>0</member>
    </enumList>
    <intEnumList>
        <member>1</member>
        <member>2</member>
    </intEnumList>
    <nestedStringList>
        <member>
            <member>foo</member>
            <member>bar</member>
        </member>
        <member>
            <member>baz</member>
            <member>qux</member>
        </member>
    </nestedStringList>
    <renamed>
        <item>foo</item>
        <item>bar</item>
    </renamed>
    <flattenedList>hi</flattenedList>
    <flattenedList>bye</flattenedList>
    <customName>yep</customName>
    <customName>nope</customName>
    <myStructureList>
        <item>
            <value>1</value>
            <other>2</other>
        </item>
        <item>
            <value>3</value>
            <other>4</other>
        </item>
    </myStructureList>
    <flattenedStructureList>
        <value>5</value>
        <other>6</other>
    </flattenedStructureList>
    <flattenedStructureList>
        <value>7</value>
        <other>8</other>
    </flattenedStructureList>
</XmlListsRequest>
"#;

// XmlMaps, XmlMapsXmlName, XmlEmptyMaps, FlattenedXmlMap*, XmlMapWithXmlNamespace, NestedXmlMaps*

static GREETING: Schema = Schema::structure("aws.protocoltests.shared#GreetingStruct", "Greeting", &[Member::string("hi", "hi")]);
test_structure!(Greeting, GREETING, [0 hi: String]);

fn hi(text: &str) -> Greeting {
    Greeting { hi: Some(text.into()) }
}

static GREETING_MAP: Schema =
    Schema::map("aws.protocoltests.restxml#XmlMapsInputOutputMap", &[Member::string("key", "key"), Member::new("value", "value", &GREETING)]);
static GREETING_MAP_NAMED: Schema = Schema::map(
    "aws.protocoltests.restxml#XmlMapsXmlNameInputOutputMap",
    &[Member::string("key", "key").xml_name("Attribute"), Member::new("value", "value", &GREETING).xml_name("Setting")],
);
static FOO_ENUM_MAP: Schema =
    Schema::map("aws.protocoltests.shared#FooEnumMap", &[Member::string("key", "key"), Member::new("value", "value", &FOO_ENUM)]);
static KV_NAMED: Schema = Schema::map(
    "aws.protocoltests.restxml#FlattenedXmlMapWithXmlNameInputOutputMap",
    &[Member::string("key", "key").xml_name("K"), Member::string("value", "value").xml_name("V")],
);
static KV_NAMESPACED: Schema = Schema::map(
    "aws.protocoltests.restxml#XmlMapWithXmlNamespaceInputOutputMap",
    &[
        Member::string("key", "key").xml_name("K").xml_namespace("https://the-key.example.com", None),
        Member::string("value", "value").xml_name("V").xml_namespace("https://the-value.example.com", None),
    ],
);
static NESTED_MAP: Schema =
    Schema::map("aws.protocoltests.restxml#NestedMap", &[Member::string("key", "key"), Member::new("value", "value", &FOO_ENUM_MAP)]);
static INNER_NAMED_MAP: Schema = Schema::map(
    "aws.protocoltests.restxml#NestedXmlMapWithXmlNameInnerMap",
    &[Member::string("key", "key").xml_name("InnerKey"), Member::string("value", "value").xml_name("InnerValue")],
);
static OUTER_NAMED_MAP: Schema = Schema::map(
    "aws.protocoltests.restxml#NestedXmlMapWithXmlNameMap",
    &[Member::string("key", "key").xml_name("OuterKey"), Member::new("value", "value", &INNER_NAMED_MAP)],
);

static GREETING_MAPS: Schema =
    Schema::structure("aws.protocoltests.restxml#XmlMapsRequest", "GreetingMaps", &[Member::new("myMap", "my_map", &GREETING_MAP)]);
test_structure!(GreetingMaps, GREETING_MAPS, [0 my_map: HashMap<String, Greeting>]);
static NAMED_GREETING_MAPS: Schema = Schema::structure(
    "aws.protocoltests.restxml#XmlMapsXmlNameRequest",
    "NamedGreetingMaps",
    &[Member::new("myMap", "my_map", &GREETING_MAP_NAMED)],
);
test_structure!(NamedGreetingMaps, NAMED_GREETING_MAPS, [0 my_map: HashMap<String, Greeting>]);
static FLAT_MAP: Schema = Schema::structure(
    "aws.protocoltests.restxml#FlattenedXmlMapRequest",
    "FlatMap",
    &[Member::new("myMap", "my_map", &FOO_ENUM_MAP).xml_flattened()],
);
test_structure!(FlatMap, FLAT_MAP, [0 my_map: HashMap<String, FooEnum>]);
static FLAT_NAMED_MAP: Schema = Schema::structure(
    "aws.protocoltests.restxml#FlattenedXmlMapWithXmlNameRequest",
    "FlatNamedMap",
    &[Member::new("myMap", "my_map", &KV_NAMED).xml_name("KVP").xml_flattened()],
);
test_structure!(FlatNamedMap, FLAT_NAMED_MAP, [0 my_map: HashMap<String, String>]);
static FLAT_NAMESPACED_MAP: Schema = Schema::structure(
    "aws.protocoltests.restxml#FlattenedXmlMapWithXmlNamespaceOutput",
    "FlatNamespacedMap",
    &[Member::new("myMap", "my_map", &KV_NAMESPACED).xml_name("KVP").xml_namespace("https://the-member.example.com", None).xml_flattened()],
);
test_structure!(FlatNamespacedMap, FLAT_NAMESPACED_MAP, [0 my_map: HashMap<String, String>]);
static NAMESPACED_MAP: Schema = Schema::structure(
    "aws.protocoltests.restxml#XmlMapWithXmlNamespaceRequest",
    "NamespacedMap",
    &[Member::new("myMap", "my_map", &KV_NAMESPACED).xml_name("KVP").xml_namespace("https://the-member.example.com", None)],
);
test_structure!(NamespacedMap, NAMESPACED_MAP, [0 my_map: HashMap<String, String>]);
static NESTED_MAPS: Schema = Schema::structure(
    "aws.protocoltests.restxml#NestedXmlMapsRequest",
    "NestedMaps",
    &[Member::new("nestedMap", "nested_map", &NESTED_MAP), Member::new("flatNestedMap", "flat_nested_map", &NESTED_MAP).xml_flattened()],
);
test_structure!(NestedMaps, NESTED_MAPS, [0 nested_map: HashMap<String, HashMap<String, FooEnum>>, 1 flat_nested_map: HashMap<String, HashMap<String, FooEnum>>]);
static NESTED_NAMED_MAPS: Schema = Schema::structure(
    "aws.protocoltests.restxml#NestedXmlMapWithXmlNameRequest",
    "NestedNamedMaps",
    &[Member::new("nestedXmlMapWithXmlNameMap", "map", &OUTER_NAMED_MAP)],
);
test_structure!(NestedNamedMaps, NESTED_NAMED_MAPS, [0 map: HashMap<String, HashMap<String, String>>]);

// XmlAttributes, XmlAttributesOnPayload

static ATTRIBUTES: Schema = Schema::structure(
    "aws.protocoltests.restxml#XmlAttributesRequest",
    "Attributes",
    &[Member::string("foo", "foo"), Member::string("attr", "attr").xml_attribute().xml_name("test")],
);
test_structure!(Attributes, ATTRIBUTES, [0 foo: String, 1 attr: String]);
static ATTRIBUTES_PAYLOAD: Schema = Schema::structure(
    "aws.protocoltests.restxml#XmlAttributesPayloadRequest",
    "AttributesPayload",
    &[Member::string("foo", "foo"), Member::string("attr", "attr").xml_attribute().xml_name("test")],
);
test_structure!(AttributesPayload, ATTRIBUTES_PAYLOAD, [0 foo: String, 1 attr: String]);
static ON_PAYLOAD: Schema = Schema::structure(
    "aws.protocoltests.restxml#XmlAttributesOnPayloadRequest",
    "OnPayload",
    &[Member::new("payload", "payload", &ATTRIBUTES_PAYLOAD).binding(Binding::Payload)],
);

// XmlTimestamps, DatetimeOffsets, FractionalSeconds

static TIMESTAMPS: Schema = Schema::structure(
    "aws.protocoltests.restxml#XmlTimestampsRequest",
    "Timestamps",
    &[
        Member::timestamp("normal", "normal"),
        Member::timestamp("dateTime", "date_time").timestamp_format(TimestampFormat::DateTime),
        Member::timestamp("dateTimeOnTarget", "date_time_on_target").timestamp_format(TimestampFormat::DateTime),
        Member::timestamp("epochSeconds", "epoch_seconds").timestamp_format(TimestampFormat::EpochSeconds),
        Member::timestamp("epochSecondsOnTarget", "epoch_seconds_on_target").timestamp_format(TimestampFormat::EpochSeconds),
        Member::timestamp("httpDate", "http_date").timestamp_format(TimestampFormat::HttpDate),
        Member::timestamp("httpDateOnTarget", "http_date_on_target").timestamp_format(TimestampFormat::HttpDate),
    ],
);
test_structure!(Timestamps, TIMESTAMPS, [
    0 normal: DateTime, 1 date_time: DateTime, 2 date_time_on_target: DateTime, 3 epoch_seconds: DateTime,
    4 epoch_seconds_on_target: DateTime, 5 http_date: DateTime, 6 http_date_on_target: DateTime,
]);

// XmlUnions, HttpPayloadWithUnion

static UNION_STRUCT: Schema = Schema::structure(
    "aws.protocoltests.restxml#XmlNestedUnionStruct",
    "UnionStruct",
    &[
        Member::string("stringValue", "string_value"),
        Member::boolean("booleanValue", "boolean_value"),
        Member::byte("byteValue", "byte_value"),
        Member::short("shortValue", "short_value"),
        Member::integer("integerValue", "integer_value"),
        Member::long("longValue", "long_value"),
        Member::float("floatValue", "float_value"),
        Member::double("doubleValue", "double_value"),
    ],
);
test_structure!(UnionStruct, UNION_STRUCT, [
    0 string_value: String, 1 boolean_value: bool, 2 byte_value: i8, 3 short_value: i16, 4 integer_value: i32,
    5 long_value: i64, 6 float_value: f32, 7 double_value: f64,
]);

static XML_UNION: Schema = Schema::union(
    "aws.protocoltests.restxml#XmlUnionShape",
    "XmlUnion",
    &[
        Member::string("stringValue", "String"),
        Member::boolean("booleanValue", "Boolean"),
        Member::byte("byteValue", "Byte"),
        Member::short("shortValue", "Short"),
        Member::integer("integerValue", "Integer"),
        Member::long("longValue", "Long"),
        Member::float("floatValue", "Float"),
        Member::double("doubleValue", "Double"),
        Member::new("unionValue", "Union", &XML_UNION),
        Member::new("structValue", "Struct", &UNION_STRUCT),
        Member::new("listValue", "List", &STRING_LIST).xml_flattened(),
    ],
);

#[derive(Debug, PartialEq)]
enum XmlUnion {
    String(String),
    Boolean(bool),
    Union(Box<XmlUnion>),
    Struct(UnionStruct),
    List(Vec<String>),
    Unknown,
}

impl Union for XmlUnion {
    fn variant(&self) -> Option<(usize, Option<&dyn Value>)> {
        match self {
            XmlUnion::String(v) => Some((0, Some(v))),
            XmlUnion::Boolean(v) => Some((1, Some(v))),
            XmlUnion::Union(v) => Some((8, Some(v))),
            XmlUnion::Struct(v) => Some((9, Some(v))),
            XmlUnion::List(v) => Some((10, Some(v))),
            XmlUnion::Unknown => None,
        }
    }
}

impl Value for XmlUnion {
    fn view(&self) -> View<'_> {
        View::Union(&XML_UNION, self)
    }
}

impl Decode for XmlUnion {
    fn decode(decoder: &mut dyn Decoder) -> smithy_rt::decode::Result<Self> {
        let mut out = XmlUnion::Unknown;
        decoder.union(&XML_UNION, &mut |index, d| {
            out = match index {
                Some(0) => XmlUnion::String(Decode::decode(d)?),
                Some(1) => XmlUnion::Boolean(Decode::decode(d)?),
                Some(8) => XmlUnion::Union(Decode::decode(d)?),
                Some(9) => XmlUnion::Struct(Decode::decode(d)?),
                Some(10) => XmlUnion::List(Decode::decode(d)?),
                _ => XmlUnion::Unknown,
            };
            Ok(())
        })?;
        Ok(out)
    }
}

static UNIONS: Schema =
    Schema::structure("aws.protocoltests.restxml#XmlUnionsRequest", "Unions", &[Member::new("unionValue", "union_value", &XML_UNION)]);
test_structure!(Unions, UNIONS, [0 union_value: XmlUnion]);

// RecursiveShapes

static NESTED_1: Schema = Schema::structure(
    "aws.protocoltests.restxml#RecursiveShapesInputOutputNested1",
    "Nested1",
    &[Member::string("foo", "foo"), Member::new("nested", "nested", &NESTED_2)],
);
test_structure!(Nested1, NESTED_1, [0 foo: String, 1 nested: Box<Nested2>]);
static NESTED_2: Schema = Schema::structure(
    "aws.protocoltests.restxml#RecursiveShapesInputOutputNested2",
    "Nested2",
    &[Member::string("bar", "bar"), Member::new("recursiveMember", "recursive_member", &NESTED_1)],
);
test_structure!(Nested2, NESTED_2, [0 bar: String, 1 recursive_member: Box<Nested1>]);
static RECURSIVE: Schema =
    Schema::structure("aws.protocoltests.restxml#RecursiveShapesRequest", "Recursive", &[Member::new("nested", "nested", &NESTED_1)]);
test_structure!(Recursive, RECURSIVE, [0 nested: Nested1]);

// XmlNamespaces

static NAMESPACED_LIST: Schema = Schema::list(
    "aws.protocoltests.restxml#XmlNamespacedList",
    &[Member::string("member", "member").xml_namespace("http://bux.com", None)],
);
static NAMESPACE_NESTED: Schema = Schema::structure(
    "aws.protocoltests.restxml#XmlNamespaceNested",
    "NamespaceNested",
    &[
        Member::string("foo", "foo").xml_namespace("http://baz.com", Some("baz")),
        Member::new("values", "values", &NAMESPACED_LIST).xml_namespace("http://qux.com", None),
    ],
)
.xml_namespace("http://foo.com", None);
test_structure!(NamespaceNested, NAMESPACE_NESTED, [0 foo: String, 1 values: Vec<String>]);
static NAMESPACES: Schema =
    Schema::structure("aws.protocoltests.restxml#XmlNamespacesRequest", "Namespaces", &[Member::new("nested", "nested", &NAMESPACE_NESTED)])
        .xml_namespace("http://foo.com", None);
test_structure!(Namespaces, NAMESPACES, [0 nested: NamespaceNested]);

// Payloads: HttpPayloadWithXmlName, HttpPayloadWithMemberXmlName, HttpPayloadWithXmlNamespace,
// HttpPayloadWithXmlNamespaceAndPrefix, HttpPayloadWithStructure, BodyWithXmlName

static NAMED_PAYLOAD: Schema =
    Schema::structure("aws.protocoltests.restxml#PayloadWithXmlName", "NamedPayload", &[Member::string("name", "name")]).xml_name("Hello");
test_structure!(NamedPayload, NAMED_PAYLOAD, [0 name: String]);
static WITH_XML_NAME: Schema = Schema::structure(
    "aws.protocoltests.restxml#HttpPayloadWithXmlNameInputOutput",
    "WithXmlName",
    &[Member::new("nested", "nested", &NAMED_PAYLOAD).binding(Binding::Payload)],
);
static WITH_MEMBER_XML_NAME: Schema = Schema::structure(
    "aws.protocoltests.restxml#HttpPayloadWithMemberXmlNameInputOutput",
    "WithMemberXmlName",
    &[Member::new("nested", "nested", &NAMED_PAYLOAD).binding(Binding::Payload).xml_name("Hola")],
);
static NAMESPACED_PAYLOAD: Schema =
    Schema::structure("aws.protocoltests.restxml#PayloadWithXmlNamespace", "NamespacedPayload", &[Member::string("name", "name")])
        .xml_namespace("http://foo.com", None);
test_structure!(NamespacedPayload, NAMESPACED_PAYLOAD, [0 name: String]);
static WITH_NAMESPACE_PAYLOAD: Schema = Schema::structure(
    "aws.protocoltests.restxml#HttpPayloadWithXmlNamespaceInputOutput",
    "WithNamespace",
    &[Member::new("nested", "nested", &NAMESPACED_PAYLOAD).binding(Binding::Payload)],
);
static PREFIXED_PAYLOAD: Schema =
    Schema::structure("aws.protocoltests.restxml#PayloadWithXmlNamespaceAndPrefix", "PrefixedPayload", &[Member::string("name", "name")])
        .xml_namespace("http://foo.com", Some("baz"));
test_structure!(PrefixedPayload, PREFIXED_PAYLOAD, [0 name: String]);
static WITH_PREFIX_PAYLOAD: Schema = Schema::structure(
    "aws.protocoltests.restxml#HttpPayloadWithXmlNamespaceAndPrefixInputOutput",
    "WithPrefix",
    &[Member::new("nested", "nested", &PREFIXED_PAYLOAD).binding(Binding::Payload)],
);
static BODY_WITH_XML_NAME: Schema =
    Schema::structure("aws.protocoltests.restxml#BodyWithXmlNameInputOutput", "BodyWithXmlName", &[Member::new("nested", "nested", &NAMED_PAYLOAD)])
        .xml_name("Ahoy");
test_structure!(BodyWithXmlName, BODY_WITH_XML_NAME, [0 nested: NamedPayload]);
static UNION_PAYLOAD: Schema = Schema::union("aws.protocoltests.restxml#UnionPayload", "UnionPayload", &[Member::string("greeting", "Greeting")]);
static WITH_UNION_PAYLOAD: Schema = Schema::structure(
    "aws.protocoltests.restxml#HttpPayloadWithUnionInputOutput",
    "WithUnion",
    &[Member::new("nested", "nested", &UNION_PAYLOAD).binding(Binding::Payload)],
);

#[derive(Debug, PartialEq)]
enum UnionPayload {
    Greeting(String),
    Unknown,
}

impl Union for UnionPayload {
    fn variant(&self) -> Option<(usize, Option<&dyn Value>)> {
        match self {
            UnionPayload::Greeting(v) => Some((0, Some(v))),
            UnionPayload::Unknown => None,
        }
    }
}

impl Value for UnionPayload {
    fn view(&self) -> View<'_> {
        View::Union(&UNION_PAYLOAD, self)
    }
}

impl Decode for UnionPayload {
    fn decode(decoder: &mut dyn Decoder) -> smithy_rt::decode::Result<Self> {
        let mut out = UnionPayload::Unknown;
        decoder.union(&UNION_PAYLOAD, &mut |index, d| {
            if index == Some(0) {
                out = UnionPayload::Greeting(Decode::decode(d)?);
            }
            Ok(())
        })?;
        Ok(out)
    }
}

// XmlBlobs, XmlEmptyStrings, XmlEnums, XmlIntEnums

static BLOBS: Schema = Schema::structure("aws.protocoltests.restxml#XmlBlobsRequest", "Blobs", &[Member::blob("data", "data")]);
test_structure!(Blobs, BLOBS, [0 data: Blob]);
static EMPTY_STRINGS: Schema =
    Schema::structure("aws.protocoltests.restxml#XmlEmptyStringsRequest", "EmptyStrings", &[Member::string("emptyString", "empty_string")]);
test_structure!(EmptyStrings, EMPTY_STRINGS, [0 empty_string: String]);
static ENUMS: Schema = Schema::structure(
    "aws.protocoltests.restxml#XmlEnumsRequest",
    "Enums",
    &[
        Member::new("fooEnum1", "foo_enum1", &FOO_ENUM),
        Member::new("fooEnum2", "foo_enum2", &FOO_ENUM),
        Member::new("fooEnum3", "foo_enum3", &FOO_ENUM),
        Member::new("fooEnumList", "foo_enum_list", &FOO_ENUM_LIST),
        Member::new("fooEnumSet", "foo_enum_set", &FOO_ENUM_LIST),
        Member::new("fooEnumMap", "foo_enum_map", &FOO_ENUM_MAP),
    ],
);
test_structure!(Enums, ENUMS, [
    0 foo_enum1: FooEnum, 1 foo_enum2: FooEnum, 2 foo_enum3: FooEnum, 3 foo_enum_list: Vec<FooEnum>,
    4 foo_enum_set: Vec<FooEnum>, 5 foo_enum_map: HashMap<String, FooEnum>,
]);
static INT_ENUM_MAP: Schema =
    Schema::map("aws.protocoltests.shared#IntegerEnumMap", &[Member::string("key", "key"), Member::new("value", "value", &INT_ENUM)]);
static INT_ENUMS: Schema = Schema::structure(
    "aws.protocoltests.restxml#XmlIntEnumsRequest",
    "IntEnums",
    &[
        Member::new("intEnum1", "int_enum1", &INT_ENUM),
        Member::new("intEnum2", "int_enum2", &INT_ENUM),
        Member::new("intEnum3", "int_enum3", &INT_ENUM),
        Member::new("intEnumList", "int_enum_list", &INT_ENUM_LIST),
        Member::new("intEnumSet", "int_enum_set", &INT_ENUM_LIST),
        Member::new("intEnumMap", "int_enum_map", &INT_ENUM_MAP),
    ],
);
test_structure!(IntEnums, INT_ENUMS, [
    0 int_enum1: IntEnum, 1 int_enum2: IntEnum, 2 int_enum3: IntEnum, 3 int_enum_list: Vec<IntEnum>,
    4 int_enum_set: Vec<IntEnum>, 5 int_enum_map: HashMap<String, IntEnum>,
]);

// The service-level namespace of restXmlWithNamespace (XmlNamespaceSimpleScalarProperties)

static NESTED_WITH_NAMESPACE: Schema = Schema::structure(
    "aws.protocoltests.restxml.xmlns#NestedWithNamespace",
    "NestedWithNamespace",
    &[Member::string("attrField", "attr_field").xml_attribute().xml_name("xsi:someName")],
);
test_structure!(NestedWithNamespace, NESTED_WITH_NAMESPACE, [0 attr_field: String]);
static SERVICE_NAMESPACED: Schema = Schema::structure(
    "aws.protocoltests.restxml.xmlns#SimpleScalarPropertiesRequest",
    "ServiceNamespaced",
    &[
        Member::string("stringValue", "string_value"),
        Member::new("Nested", "nested", &NESTED_WITH_NAMESPACE).xml_namespace("https://example.com", Some("xsi")),
    ],
);
test_structure!(ServiceNamespaced, SERVICE_NAMESPACED, [0 string_value: String, 1 nested: NestedWithNamespace]);

// Defaults and idempotency tokens (not in the restXml tests; the JSON encoder's rules)

static DEFAULTED: Schema = Schema::structure(
    "test#Defaulted",
    "Defaulted",
    &[
        Member::string("token", "token").idempotency_token(),
        Member::integer("count", "count").default(&Node::Number("3")),
        Member::string("label", "label").xml_attribute().default(&Node::String("x")),
        Member::new("items", "items", &STRING_LIST).default(&Node::List(&[])),
        Member::string("optional", "optional").client_optional().default(&Node::String("y")),
        Member::timestamp("when", "when").default(&Node::Number("0")),
        Member::document("doc", "doc"),
    ],
);
test_structure!(Defaulted, DEFAULTED, [0 token: String, 1 count: i32, 2 label: String, 3 items: Vec<String>, 4 optional: String, 5 when: DateTime, 6 doc: Document]);
static OUTER: Schema = Schema::structure(
    "test#Outer",
    "Outer",
    &[Member::new("inner", "inner", &DEFAULTED), Member::integer("top", "top").default(&Node::Number("1"))],
);
test_structure!(Outer, OUTER, [0 inner: Defaulted, 1 top: i32]);

// awsQuery's result wrapper (QuerySimpleScalarProperties)

static QUERY_SCALARS: Schema = Schema::structure(
    "aws.protocoltests.query#SimpleScalarXmlPropertiesOutput",
    "QueryScalars",
    &[
        Member::string("stringValue", "string_value"),
        Member::string("emptyStringValue", "empty_string_value"),
        Member::boolean("trueBooleanValue", "true_boolean_value"),
        Member::integer("integerValue", "integer_value"),
        Member::double("doubleValue", "double_value").xml_name("DoubleDribble"),
    ],
);
test_structure!(QueryScalars, QUERY_SCALARS, [0 string_value: String, 1 empty_string_value: String, 2 true_boolean_value: bool, 3 integer_value: i32, 4 double_value: f64]);

// ------------------------------------------------------------------------------------------
// Helpers
// ------------------------------------------------------------------------------------------

fn parse_str(text: &str) -> Result<Element, XmlError> {
    parse(text.as_bytes())
}

fn tree(text: &str) -> Element {
    parse_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// A response body read as restXml reads one: the root element's members, then the defaults.
fn decode<T: Decode>(body: &str) -> T {
    let root = tree(body);
    T::decode(&mut XmlDecoder::new(&root)).unwrap_or_else(|e| panic!("{e}: {body}"))
}

fn decode_error<T: Decode + fmt::Debug>(body: &str) -> smithy_rt::error::DeserializeError {
    let root = tree(body);
    match T::decode(&mut XmlDecoder::new(&root)) {
        Ok(value) => panic!("decoded {value:?} from {body}"),
        Err(e) => e,
    }
}

/// A request body: `value` as an operation input, its root named like its shape and declaring
/// the shape's namespace.
fn encode(value: &dyn Value) -> String {
    let View::Structure(schema, _) = value.view() else { panic!("not a structure") };
    encode_as(root_name(schema), schema.xml_namespace, value)
}

fn encode_as(name: &str, namespace: Option<XmlNamespace>, value: &dyn Value) -> String {
    let View::Structure(schema, structure) = value.view() else { panic!("not a structure") };
    let mut w = XmlWriter::new();
    write_structure(&mut w, name, namespace, schema, structure, true);
    w.into_string()
}

fn encode_payload(container: &'static Schema, value: &dyn Value) -> String {
    let mut w = XmlWriter::new();
    write_payload(&mut w, value.view(), &container.members[0]);
    w.into_string()
}

/// The document as compact text: the parser drops indentation, the writer adds none.
fn canonical(text: &str) -> String {
    write_tree(&tree(text))
}

#[track_caller]
fn assert_xml(actual: &str, expected: &str) {
    assert_eq!(canonical(actual), canonical(expected), "\nwritten: {actual}");
}

// ------------------------------------------------------------------------------------------
// Parser
// ------------------------------------------------------------------------------------------

#[test]
fn parses_names_attributes_text_and_nesting() {
    let root = tree(r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment --><p:Root xmlns:p="urn:p" a="1" p:b='two'>text<child/><p:child>x</p:child><?pi data?>tail</p:Root>
<!-- after -->"#);
    assert_eq!(root.name, "p:Root");
    assert_eq!(root.local_name(), "Root");
    assert_eq!(root.prefix(), Some("p"));
    assert_eq!(root.attribute("a"), Some("1"));
    assert_eq!(root.attribute("b"), Some("two"));
    // Namespace declarations are not attributes to look up.
    assert_eq!(root.attribute("p"), None);
    assert_eq!(root.attributes.len(), 3);
    assert_eq!(root.text(), "texttail");
    assert_eq!(root.elements().count(), 2);
    assert_eq!(root.elements_named("child").count(), 2);
    assert_eq!(root.element("child").map(Element::has_elements), Some(false));
    assert_eq!(root.elements_named("child").nth(1).map(|e| e.text().into_owned()), Some("x".to_string()));
    assert!(root.has_elements());
    // Indentation between elements is left out; whitespace that is all an element holds is not.
    let root = tree("<a>\n  <b>  </b>\n  <c> x </c>\n  text\n</a>");
    assert_eq!(root.children.len(), 3);
    assert_eq!(root.element("b").map(|b| b.text().into_owned()), Some("  ".to_string()));
    assert_eq!(root.text(), "\n  text\n");
}

#[test]
fn decodes_references_cdata_and_line_ends() {
    let root = tree("<a x=\"&lt;&#65;&#x42;&quot;&apos;\ttab\r\nline&#10;\">&lt;&gt;&amp;&quot;&apos;&#xD;&#10;&#x1F639;<![CDATA[<raw>&amp;]]>\r\nend\rcr</a>");
    assert_eq!(root.attribute("x"), Some("<AB\"' tab line\n"));
    assert_eq!(root.text(), "<>&\"'\r\n😹<raw>&amp;\nend\ncr");
    // Adjacent text and CDATA are one text child.
    assert_eq!(root.children.len(), 1);
    assert_eq!(parse_str("<a><![CDATA[]]></a>").unwrap().children, Vec::new());
}

#[test]
fn byte_order_mark_and_doctype_without_entities_are_accepted() {
    let root = parse(b"\xEF\xBB\xBF<a/>").unwrap();
    assert_eq!(root.name, "a");
    assert_eq!(parse_str("<!DOCTYPE a><a/>").unwrap().name, "a");
    assert_eq!(parse_str("<!DOCTYPE a SYSTEM \"a.dtd\" [<!ELEMENT a ANY>]><a/>").unwrap().name, "a");
    assert_eq!(parse_str("<?xml version = \"1.0\" encoding = \"utf-8\"?><a/>").unwrap().name, "a");
}

#[track_caller]
fn assert_invalid(input: &[u8], needle: &str) -> XmlError {
    match parse(input) {
        Ok(root) => panic!("accepted {:?} as {root:?}", String::from_utf8_lossy(input)),
        Err(e) => {
            assert!(e.to_string().contains(needle), "{:?}: {e} does not mention {needle:?}", String::from_utf8_lossy(input));
            e
        }
    }
}

#[test]
fn rejects_entities_beyond_the_predefined_ones() {
    for input in ["<a>&foo;</a>", "<a x=\"&foo;\"/>", "<a>&nbsp;</a>", "<a>&Amp;</a>"] {
        assert_invalid(input.as_bytes(), "unknown entity");
    }
    for input in ["<a>&#0;</a>", "<a>&#x1;</a>", "<a>&#xD800;</a>", "<a>&#x110000;</a>", "<a>&#xFFFE;</a>", "<a>&#;</a>", "<a>&#x;</a>", "<a>&#+65;</a>", "<a>&#x+41;</a>", "<a>&#-1;</a>", "<a>&#99999999999999999999;</a>", "<a>&#x 41;</a>"] {
        assert_invalid(input.as_bytes(), "is not a reference to an XML character");
    }
    for input in ["<a>&</a>", "<a>a & b</a>", "<a>&amp</a>", "<a x=\"&\"/>"] {
        assert_invalid(input.as_bytes(), "'&' starts no reference");
    }
    assert_invalid(b"<a>&;</a>", "unknown entity");
    // Entity declarations, and so billion-laughs documents, are refused before any expansion.
    let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>"#;
    let e = assert_invalid(laughs.as_bytes(), "entity declarations are not supported");
    assert_eq!((e.line(), e.column()), (3, 2));
    assert_invalid(b"<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>", "entity declarations");
    assert_invalid(b"<!DOCTYPE a [<!ENTITY % p \"x\">]><a/>", "entity declarations");
}

#[test]
fn rejects_mismatched_and_unclosed_elements() {
    let e = assert_invalid(b"<a>\n  <b></c>\n</a>", "</c> does not close <b>");
    assert_eq!((e.line(), e.column()), (2, 6));
    assert_invalid(b"<a><b></a></b>", "</a> does not close <b>");
    assert_invalid(b"<p:a></q:a>", "</q:a> does not close <p:a>");
    assert_invalid(b"<a></A>", "does not close");
    assert_invalid(b"<a><b>", "<b> is not closed");
    assert_invalid(b"<a", "is not closed");
}

#[test]
fn every_truncation_of_a_document_is_an_error() {
    let document = "<?xml version=\"1.0\"?><r a=\"1\" b='é'><b>t&amp;😹</b><![CDATA[c]]><!--x--><e/></r>";
    assert!(parse_str(document).is_ok());
    for end in 0..document.len() {
        assert!(parse(&document.as_bytes()[..end]).is_err(), "accepted {:?}", &document.as_bytes()[..end]);
    }
}

#[test]
fn rejects_content_outside_one_root() {
    for input in ["", "   ", "<?xml version=\"1.0\"?>", "<!-- only a comment -->", "\u{feff}"] {
        assert!(parse_str(input).is_err(), "{input:?}");
    }
    assert_invalid(b"", "no root element");
    for input in ["<a/><b/>", "<a/>text", "<a></a>&amp;", "text<a/>", "<a/><![CDATA[x]]>", "<a/><a/>"] {
        assert!(parse_str(input).is_err(), "{input:?}");
    }
    // Comments, processing instructions and whitespace may follow the root.
    assert!(parse_str("<a/> <!-- c --> <?pi?>\n").is_ok());
}

#[test]
fn rejects_invalid_utf8_and_other_encodings() {
    let e = assert_invalid(b"<a>\n\xff</a>", "invalid UTF-8");
    assert_eq!((e.line(), e.column()), (2, 1));
    assert_invalid(b"<a>\xc3</a>", "invalid UTF-8");
    assert_invalid(b"<a>\xe2\x82</a>", "invalid UTF-8");
    assert_invalid(b"<a>\xc0\xaf</a>", "invalid UTF-8");
    assert_invalid(b"<a>\xed\xa0\x80</a>", "invalid UTF-8");
    assert_invalid(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>", "only UTF-8");
    // Characters XML does not allow, even when the bytes are valid UTF-8.
    assert!(parse(b"<a>\x01</a>").is_err());
    assert!(parse(b"<a x=\"\x00\"/>").is_err());
}

#[test]
fn rejects_malformed_markup_with_a_location() {
    for input in ["<a b></a>", "<a b=1></a>", "<a b=\"1\"c=\"2\"/>", "<a b=\"<\"/>", "<1a/>", "< a/>", "<a></ a>", "<a><!-- -- --></a>", "<a>]]></a>", "<a><![CDATA[x</a>", "<a><!DOCTYPE b></a>", "<a><?xml version=\"1.0\"?></a>"] {
        let e = parse_str(input).expect_err(input);
        assert!(e.line() >= 1 && e.column() >= 1, "{input}: {e}");
    }
    let e = parse_str("<a>\n<b x='1' x='2'/></a>").unwrap_err();
    assert_eq!(e.message(), "<b> repeats an attribute");
    assert_eq!((e.line(), e.column()), (2, 1));
    assert_eq!(e.to_string(), "invalid XML at 2:1: <b> repeats an attribute");
}

#[test]
fn nesting_is_limited_without_recursion() {
    let nested = |depth: usize| format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    assert!(parse_str(&nested(MAX_DEPTH)).is_ok());
    assert_invalid(nested(MAX_DEPTH + 1).as_bytes(), "nested more than 128 levels deep");
    // Far too deep, and unclosed: refused at the limit, not after reading it all.
    assert_invalid("<a>".repeat(1_000_000).as_bytes(), "nested more than 128 levels deep");
    assert_invalid("<a/>".repeat(100_000).as_bytes(), "");
}

#[test]
fn a_deep_tree_built_by_hand_drops_without_recursion() {
    let mut tree = Element::new("leaf");
    for _ in 0..100_000 {
        let mut parent = Element::new("a");
        parent.children.push(Content::Text("t".into()));
        parent.children.push(Content::Element(tree));
        tree = parent;
    }
    drop(tree);
}

#[test]
fn many_attributes_are_fine_and_duplicates_among_them_are_found() {
    let attributes: String = (0..100_000).map(|i| format!(" a{i}=\"{i}\"")).collect();
    let root = parse_str(&format!("<r{attributes}/>")).unwrap();
    assert_eq!(root.attributes.len(), 100_000);
    assert_eq!(root.attribute("a99999"), Some("99999"));
    assert_invalid(format!("<r{attributes} a5=\"x\"/>").as_bytes(), "repeats an attribute");
    // Prefixed duplicates are duplicates as written.
    assert_invalid(b"<r p:a=\"1\" p:a=\"2\"/>", "repeats an attribute");
    assert!(parse_str("<r p:a=\"1\" q:a=\"2\" a=\"3\"/>").is_ok());
}

#[test]
fn long_names_are_cut_short_in_messages() {
    let name = "n".repeat(10_000);
    let e = parse_str(&format!("<{name}></x>")).unwrap_err();
    assert!(e.message().len() < 200, "{}", e.message());
}

// ------------------------------------------------------------------------------------------
// Writer
// ------------------------------------------------------------------------------------------

#[test]
fn writer_nests_elements_attributes_and_namespaces() {
    let mut w = XmlWriter::new();
    w.start_element("Root")
        .namespace("http://foo.com", None)
        .namespace("http://baz.com", Some("baz"))
        .attribute("id", "1")
        .start_element("baz:a")
        .text("x")
        .end_element()
        .start_element("empty")
        .end_element()
        .start_element("closed")
        .attribute("k", "v")
        .end_empty_element()
        .text("tail")
        .end_element();
    assert_eq!(w.as_str(), r#"<Root xmlns="http://foo.com" xmlns:baz="http://baz.com" id="1"><baz:a>x</baz:a><empty></empty><closed k="v"/>tail</Root>"#);
}

#[test]
fn writer_escapes_like_the_aws_sdks() {
    let mut w = XmlWriter::new();
    w.start_element("a").attribute("v", "<\"&'>\t\r\n\u{85}\u{2028}\u{1}").text("<\"&'>\t\r\n\u{85}\u{2028}\u{1}\u{1f}é\u{2029}").end_element();
    assert_eq!(
        w.into_string(),
        "<a v=\"&lt;&quot;&amp;'&gt;&#x9;&#xD;&#xA;&#x85;&#x2028;&#x1;\">&lt;\"&amp;'&gt;\t&#xD;&#xA;&#x85;&#x2028;&#x1;&#x1F;é\u{2029}</a>"
    );
}

/// Every special character at every offset of text longer than a few bytes, among ASCII and
/// multi-byte characters (some sharing the lead bytes of U+0085 and U+2028): the same as
/// escaping character by character, and parsed back to the original.
#[test]
fn writer_escapes_at_every_offset_like_a_char_by_char_reference() {
    fn reference(text: &str, attribute: bool) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' if attribute => out.push_str("&quot;"),
                '\t' if attribute => out.push_str("&#x9;"),
                '\t' => out.push('\t'),
                '\u{85}' | '\u{2028}' => out.push_str(&format!("&#x{:X};", u32::from(c))),
                c if u32::from(c) < 0x20 => out.push_str(&format!("&#x{:X};", u32::from(c))),
                c => out.push(c),
            }
        }
        out
    }
    let fillers = ["abcdefghijklmnopq", "é\u{80}\u{84}\u{86}ÿ\u{2027}\u{2029}€~", "\u{2020}x😹\u{c2a0}0123"];
    let specials = ['&', '<', '>', '"', '\'', '\t', '\n', '\r', '\u{85}', '\u{2028}', '\u{1}'];
    for filler in fillers {
        for special in specials {
            for at in 0..=filler.chars().count() {
                let mut text: String = filler.chars().take(at).collect();
                text.push(special);
                text.extend(filler.chars().skip(at));
                let mut w = XmlWriter::new();
                w.start_element("a").attribute("v", &text).text(&text).end_element();
                let written = w.into_string();
                assert_eq!(written, format!("<a v=\"{}\">{}</a>", reference(&text, true), reference(&text, false)), "{text:?}");
                if special != '\u{1}' {
                    let back = tree(&written);
                    assert_eq!(back.text(), text);
                    assert_eq!(back.attribute("v"), Some(text.as_str()));
                }
            }
        }
    }
}

// ------------------------------------------------------------------------------------------
// Decoding: response cases of aws.protocoltests.restxml
// ------------------------------------------------------------------------------------------

const SIMPLE_SCALAR_PROPERTIES_RESPONSE: &str = r#"<SimpleScalarPropertiesResponse>
    <stringValue>string</stringValue>
    <trueBooleanValue>true</trueBooleanValue>
    <falseBooleanValue>false</falseBooleanValue>
    <byteValue>1</byteValue>
    <shortValue>2</shortValue>
    <integerValue>3</integerValue>
    <longValue>4</longValue>
    <floatValue>5.5</floatValue>
    <DoubleDribble>6.5</DoubleDribble>
</SimpleScalarPropertiesResponse>
"#;

#[test]
fn decodes_simple_scalar_properties() {
    let value: Scalars = decode(SIMPLE_SCALAR_PROPERTIES_RESPONSE);
    assert_eq!(value, Scalars { foo: None, ..all_scalars() });
}

#[test]
fn a_response_body_reads_only_the_members_it_carries() {
    let body = "<R><foo>from the body</foo><stringValue>s</stringValue></R>";
    let root = tree(body);
    let mut value = Scalars::default();
    XmlDecoder::response_body(&root).structure(&SCALARS, &mut value).unwrap();
    assert_eq!(value, Scalars { string_value: Some("s".into()), ..Scalars::default() });
    let value: Scalars = decode(body);
    assert_eq!(value.foo.as_deref(), Some("from the body"));
}

#[test]
fn decodes_escapes_preamble_cdata_comments_and_whitespace() {
    // SimpleScalarPropertiesComplexEscapes
    let value: Scalars = decode("<SimpleScalarPropertiesResponse>\n    <stringValue>escaped data: &amp;lt;&#xD;&#10;</stringValue>\n</SimpleScalarPropertiesResponse>\n");
    assert_eq!(value.string_value.as_deref(), Some("escaped data: &lt;\r\n"));
    // SimpleScalarPropertiesWithEscapedCharacter
    let value: Scalars = decode("<SimpleScalarPropertiesResponse>\n    <stringValue>&lt;string&gt;</stringValue>\n</SimpleScalarPropertiesResponse>\n");
    assert_eq!(value.string_value.as_deref(), Some("<string>"));
    // SimpleScalarPropertiesWithXMLPreamble
    let value: Scalars = decode(
        "<?xml version = \"1.0\" encoding = \"UTF-8\"?>\n<SimpleScalarPropertiesResponse>\n    <![CDATA[characters representing CDATA]]>\n    <stringValue>string</stringValue>\n    <!--xml comment-->\n</SimpleScalarPropertiesResponse>\n",
    );
    assert_eq!(value, Scalars { string_value: Some("string".into()), ..Scalars::default() });
    // SimpleScalarPropertiesWithWhiteSpace, SimpleScalarPropertiesPureWhiteSpace
    let value: Scalars = decode("<?xml version = \"1.0\" encoding = \"UTF-8\"?>\n<SimpleScalarPropertiesResponse>\n    <stringValue> string with white    space </stringValue>\n</SimpleScalarPropertiesResponse>\n");
    assert_eq!(value.string_value.as_deref(), Some(" string with white    space "));
    let value: Scalars = decode("<?xml version = \"1.0\" encoding = \"UTF-8\"?>\n<SimpleScalarPropertiesResponse>\n    <stringValue>  </stringValue>\n</SimpleScalarPropertiesResponse>\n");
    assert_eq!(value.string_value.as_deref(), Some("  "));
}

#[test]
fn decodes_non_finite_floats() {
    for (text, check) in [("NaN", f64::is_nan as fn(f64) -> bool), ("Infinity", |v: f64| v == f64::INFINITY), ("-Infinity", |v: f64| v == f64::NEG_INFINITY)] {
        let value: Scalars = decode(&format!(
            "<SimpleScalarPropertiesResponse>\n    <floatValue>{text}</floatValue>\n    <DoubleDribble>{text}</DoubleDribble>\n</SimpleScalarPropertiesResponse>\n"
        ));
        assert!(check(f64::from(value.float_value.unwrap())), "{text}");
        assert!(check(value.double_value.unwrap()), "{text}");
    }
}

#[test]
fn decodes_xml_lists() {
    let body = XML_LISTS_REQUEST.replace("XmlListsRequest>", "XmlListsResponse>").replace(
        "    <myStructureList>",
        "    <flattenedListWithMemberNamespace xmlns=\"https://xml-member.example.com\">a</flattenedListWithMemberNamespace>\n    <flattenedListWithMemberNamespace xmlns=\"https://xml-member.example.com\">b</flattenedListWithMemberNamespace>\n    <flattenedListWithNamespace>a</flattenedListWithNamespace>\n    <flattenedListWithNamespace>b</flattenedListWithNamespace>\n    <myStructureList>",
    );
    let value: Lists = decode(&body);
    let expected = Lists {
        flattened_list_with_member_namespace: Some(strings(&["a", "b"])),
        flattened_list_with_namespace: Some(strings(&["a", "b"])),
        ..xml_lists()
    };
    assert_eq!(value, expected);
    // Flattened items may be interleaved with other members.
    let value: Lists = decode("<R><flattenedList>a</flattenedList><stringList/><flattenedList>b</flattenedList></R>");
    assert_eq!(value, Lists { flattened_list: Some(strings(&["a", "b"])), string_list: Some(Vec::new()), ..Lists::default() });
}

#[test]
fn decodes_empty_and_self_closed_values() {
    // XmlEmptyLists
    let value: Lists = decode("<XmlEmptyListsResponse>\n        <stringList/>\n        <stringSet></stringSet>\n</XmlEmptyListsResponse>\n");
    assert_eq!(value, Lists { string_list: Some(Vec::new()), string_set: Some(Vec::new()), ..Lists::default() });
    // XmlEmptyMaps, XmlEmptySelfClosedMaps
    for body in ["<XmlEmptyMapsResponse>\n    <myMap></myMap>\n</XmlEmptyMapsResponse>\n", "<XmlEmptyMapsResponse>\n    <myMap/>\n</XmlEmptyMapsResponse>\n"] {
        let value: GreetingMaps = decode(body);
        assert_eq!(value.my_map, Some(HashMap::new()));
    }
    // XmlEmptyStrings, XmlEmptySelfClosedStrings
    for body in ["<XmlEmptyStringsResponse>\n    <emptyString></emptyString>\n</XmlEmptyStringsResponse>\n", "<XmlEmptyStringsResponse>\n    <emptyString/>\n</XmlEmptyStringsResponse>\n"] {
        let value: EmptyStrings = decode(body);
        assert_eq!(value.empty_string.as_deref(), Some(""));
    }
    // XmlEmptyBlobs, XmlEmptySelfClosedBlobs
    for body in ["<XmlEmptyBlobsResponse>\n    <data></data>\n</XmlEmptyBlobsResponse>\n", "<XmlEmptyBlobsResponse>\n    <data/>\n</XmlEmptyBlobsResponse>\n"] {
        let value: Blobs = decode(body);
        assert_eq!(value.data, Some(Blob::new(Vec::new())));
    }
    // An empty number, boolean or timestamp is no value (and an empty item of a dense list none).
    let value: Scalars = decode("<R><integerValue/><trueBooleanValue>  </trueBooleanValue><stringValue/></R>");
    assert_eq!(value, Scalars { string_value: Some(String::new()), ..Scalars::default() });
    let value: Lists = decode("<R><integerList><member>1</member><member/><member> 3 </member></integerList></R>");
    assert_eq!(value.integer_list, Some(vec![1, 3]));
}

#[test]
fn decodes_blobs() {
    // XmlBlobs
    let value: Blobs = decode("<XmlBlobsResponse>\n    <data>dmFsdWU=</data>\n</XmlBlobsResponse>\n");
    assert_eq!(value.data, Some(Blob::new(b"value".to_vec())));
    // Base64 wrapped over lines, as some services send it.
    let value: Blobs = decode("<R><data>\n  dmFs\n  dWU=\n</data></R>");
    assert_eq!(value.data, Some(Blob::new(b"value".to_vec())));
}

#[test]
fn decodes_wrapped_maps_with_and_without_xml_names() {
    // XmlMaps
    let value: GreetingMaps = decode(
        "<XmlMapsResponse>\n    <myMap>\n        <entry>\n            <key>foo</key>\n            <value>\n                <hi>there</hi>\n            </value>\n        </entry>\n        <entry>\n            <key>baz</key>\n            <value>\n                <hi>bye</hi>\n            </value>\n        </entry>\n    </myMap>\n</XmlMapsResponse>\n",
    );
    assert_eq!(value.my_map, Some(map(vec![("foo", hi("there")), ("baz", hi("bye"))])));
    // XmlMapsXmlName
    let value: NamedGreetingMaps = decode(
        "<XmlMapsXmlNameResponse>\n    <myMap>\n        <entry>\n            <Attribute>foo</Attribute>\n            <Setting>\n                <hi>there</hi>\n            </Setting>\n        </entry>\n        <entry>\n            <Attribute>baz</Attribute>\n            <Setting>\n                <hi>bye</hi>\n            </Setting>\n        </entry>\n    </myMap>\n</XmlMapsXmlNameResponse>\n",
    );
    assert_eq!(value.my_map, Some(map(vec![("foo", hi("there")), ("baz", hi("bye"))])));
    // XmlMapWithXmlNamespace
    let value: NamespacedMap = decode(
        "<XmlMapWithXmlNamespaceResponse>\n    <KVP xmlns=\"https://the-member.example.com\">\n        <entry>\n            <K xmlns=\"https://the-key.example.com\">a</K>\n            <V xmlns=\"https://the-value.example.com\">A</V>\n        </entry>\n        <entry>\n            <K xmlns=\"https://the-key.example.com\">b</K>\n            <V xmlns=\"https://the-value.example.com\">B</V>\n        </entry>\n    </KVP>\n</XmlMapWithXmlNamespaceResponse>",
    );
    assert_eq!(value.my_map, Some(map(vec![("a", "A".to_string()), ("b", "B".to_string())])));
}

#[test]
fn decodes_flattened_maps() {
    // FlattenedXmlMap
    let value: FlatMap = decode(
        "<FlattenedXmlMapResponse>\n    <myMap>\n        <key>foo</key>\n        <value>Foo</value>\n    </myMap>\n    <myMap>\n        <key>baz</key>\n        <value>Baz</value>\n    </myMap>\n</FlattenedXmlMapResponse>",
    );
    assert_eq!(value.my_map, Some(map(vec![("foo", foo("Foo")), ("baz", foo("Baz"))])));
    // FlattenedXmlMapWithXmlName
    let value: FlatNamedMap = decode(
        "<FlattenedXmlMapWithXmlNameResponse>\n    <KVP>\n        <K>a</K>\n        <V>A</V>\n    </KVP>\n    <KVP>\n        <K>b</K>\n        <V>B</V>\n    </KVP>\n</FlattenedXmlMapWithXmlNameResponse>",
    );
    assert_eq!(value.my_map, Some(map(vec![("a", "A".to_string()), ("b", "B".to_string())])));
    // RestXmlFlattenedXmlMapWithXmlNamespace
    let value: FlatNamespacedMap = decode(
        "<FlattenedXmlMapWithXmlNamespaceOutput>\n    <KVP xmlns=\"https://the-member.example.com\">\n        <K xmlns=\"https://the-key.example.com\">a</K>\n        <V xmlns=\"https://the-value.example.com\">A</V>\n    </KVP>\n    <KVP xmlns=\"https://the-member.example.com\">\n        <K xmlns=\"https://the-key.example.com\">b</K>\n        <V xmlns=\"https://the-value.example.com\">B</V>\n    </KVP>\n</FlattenedXmlMapWithXmlNamespaceOutput>",
    );
    assert_eq!(value.my_map, Some(map(vec![("a", "A".to_string()), ("b", "B".to_string())])));
}

#[test]
fn decodes_nested_maps() {
    // NestedXmlMapResponse, FlatNestedXmlMapResponse
    let value: NestedMaps = decode(
        "<NestedXmlMapsResponse>\n    <nestedMap>\n        <entry>\n            <key>foo</key>\n            <value>\n                <entry>\n                    <key>bar</key>\n                    <value>Bar</value>\n                </entry>\n            </value>\n        </entry>\n    </nestedMap>\n</NestedXmlMapsResponse>",
    );
    assert_eq!(value.nested_map, Some(map(vec![("foo", map(vec![("bar", foo("Bar"))]))])));
    let value: NestedMaps = decode(
        "<NestedXmlMapsResponse>\n    <flatNestedMap>\n        <key>foo</key>\n        <value>\n            <entry>\n                <key>bar</key>\n                <value>Bar</value>\n            </entry>\n        </value>\n    </flatNestedMap>\n</NestedXmlMapsResponse>",
    );
    assert_eq!(value.flat_nested_map, Some(map(vec![("foo", map(vec![("bar", foo("Bar"))]))])));
    // NestedXmlMapWithXmlNameDeserializes
    let value: NestedNamedMaps = decode(NESTED_XML_MAP_WITH_XML_NAME.replace("Request>", "Response>").as_str());
    assert_eq!(value.map, Some(nested_named_map()));
}

const NESTED_XML_MAP_WITH_XML_NAME: &str = r#"    <NestedXmlMapWithXmlNameRequest>
        <nestedXmlMapWithXmlNameMap>
            <entry>
                <OuterKey>foo</OuterKey>
                <value>
                    <entry>
                        <InnerKey>bar</InnerKey>
                        <InnerValue>Baz</InnerValue>
                    </entry>
                    <entry>
                        <InnerKey>fizz</InnerKey>
                        <InnerValue>Buzz</InnerValue>
                    </entry>
                </value>
            </entry>
            <entry>
                <OuterKey>qux</OuterKey>
                <value>
                    <entry>
                        <InnerKey>fizzbuzz</InnerKey>
                        <InnerValue>Buzz</InnerValue>
                    </entry>
                    <entry>
                        <InnerKey>foobar</InnerKey>
                        <InnerValue>Bar</InnerValue>
                    </entry>
                </value>
            </entry>
        </nestedXmlMapWithXmlNameMap>
    </NestedXmlMapWithXmlNameRequest>
"#;

fn nested_named_map() -> HashMap<String, HashMap<String, String>> {
    map(vec![
        ("foo", map(vec![("bar", "Baz".to_string()), ("fizz", "Buzz".to_string())])),
        ("qux", map(vec![("foobar", "Bar".to_string()), ("fizzbuzz", "Buzz".to_string())])),
    ])
}

#[test]
fn decodes_attributes() {
    // XmlAttributes
    let value: Attributes = decode("<XmlAttributesResponse test=\"test\">\n    <foo>hi</foo>\n</XmlAttributesResponse>\n");
    assert_eq!(value, Attributes { foo: Some("hi".into()), attr: Some("test".into()) });
    // XmlAttributesOnPayload: the payload is the whole document.
    let root = tree("<XmlAttributesPayloadResponse test=\"test\">\n    <foo>hi</foo>\n</XmlAttributesPayloadResponse>\n");
    let value = AttributesPayload::decode(&mut XmlDecoder::member(&root, &ON_PAYLOAD.members[0])).unwrap();
    assert_eq!(value, AttributesPayload { foo: Some("hi".into()), attr: Some("test".into()) });
    // An element named like an attribute member is not that member.
    let value: Attributes = decode("<R><test>no</test></R>");
    assert_eq!(value, Attributes::default());
    // Prefixed attributes match by local name (restXmlWithNamespace).
    let value: ServiceNamespaced = decode(
        "<SimpleScalarPropertiesResponse xmlns=\"https://example.com\"><stringValue>string</stringValue><Nested xmlns:xsi=\"https://example.com\" xsi:someName=\"nestedAttrValue\"></Nested></SimpleScalarPropertiesResponse>",
    );
    assert_eq!(value.nested, Some(NestedWithNamespace { attr_field: Some("nestedAttrValue".into()) }));
}

#[test]
fn decodes_timestamps_in_every_format() {
    let when = DateTime::from_secs(1398796238);
    type Get = fn(&Timestamps) -> Option<DateTime>;
    let cases: [(&str, &str, Get); 7] = [
        ("normal", "2014-04-29T18:30:38Z", |t| t.normal),
        ("dateTime", "2014-04-29T18:30:38Z", |t| t.date_time),
        ("dateTimeOnTarget", "2014-04-29T18:30:38Z", |t| t.date_time_on_target),
        ("epochSeconds", "1398796238", |t| t.epoch_seconds),
        ("epochSecondsOnTarget", "1398796238", |t| t.epoch_seconds_on_target),
        ("httpDate", "Tue, 29 Apr 2014 18:30:38 GMT", |t| t.http_date),
        ("httpDateOnTarget", "Tue, 29 Apr 2014 18:30:38 GMT", |t| t.http_date_on_target),
    ];
    for (name, text, get) in cases {
        let value: Timestamps = decode(&format!("<XmlTimestampsResponse>\n    <{name}>{text}</{name}>\n</XmlTimestampsResponse>\n"));
        assert_eq!(get(&value), Some(when), "{name}");
    }
    // RestXmlDateTimeWithNegativeOffset, RestXmlDateTimeWithPositiveOffset, RestXmlDateTimeWithFractionalSeconds
    for text in ["2019-12-16T22:48:18-01:00", "2019-12-17T00:48:18+01:00"] {
        let value: Timestamps = decode(&format!("<DatetimeOffsetsOutput>\n    <dateTime>{text}</dateTime>\n</DatetimeOffsetsOutput>\n"));
        assert_eq!(value.date_time, Some(DateTime::from_secs(1576540098)), "{text}");
    }
    let value: Timestamps = decode("<FractionalSecondsOutput>\n    <dateTime>2000-01-02T20:34:56.123Z</dateTime>\n</FractionalSecondsOutput>\n");
    assert_eq!(value.date_time, Some(DateTime::from_secs_and_nanos(946845296, 123_000_000)));
}

#[test]
fn decodes_unions() {
    // XmlUnionsWithStructMember
    let value: Unions = decode(
        "<XmlUnionsResponse>\n    <unionValue>\n       <structValue>\n          <stringValue>string</stringValue>\n          <booleanValue>true</booleanValue>\n          <byteValue>1</byteValue>\n          <shortValue>2</shortValue>\n          <integerValue>3</integerValue>\n          <longValue>4</longValue>\n          <floatValue>5.5</floatValue>\n          <doubleValue>6.5</doubleValue>\n       </structValue>\n    </unionValue>\n</XmlUnionsResponse>\n",
    );
    assert_eq!(value.union_value, Some(XmlUnion::Struct(union_struct())));
    // XmlUnionsWithStringMember, XmlUnionsWithBooleanMember, XmlUnionsWithUnionMember
    let value: Unions = decode("<XmlUnionsResponse>\n   <unionValue>\n      <stringValue>some string</stringValue>\n   </unionValue>\n</XmlUnionsResponse>\n");
    assert_eq!(value.union_value, Some(XmlUnion::String("some string".into())));
    let value: Unions = decode("<XmlUnionsResponse>\n   <unionValue>\n      <booleanValue>true</booleanValue>\n   </unionValue>\n</XmlUnionsResponse>\n");
    assert_eq!(value.union_value, Some(XmlUnion::Boolean(true)));
    let value: Unions = decode("<XmlUnionsResponse>\n   <unionValue>\n      <unionValue>\n         <booleanValue>true</booleanValue>\n      </unionValue>\n   </unionValue>\n</XmlUnionsResponse>\n");
    assert_eq!(value.union_value, Some(XmlUnion::Union(Box::new(XmlUnion::Boolean(true)))));
    // A flattened list member repeats its element; an unknown member is kept as unknown.
    let value: Unions = decode("<R><unionValue><listValue>a</listValue><listValue>b</listValue></unionValue></R>");
    assert_eq!(value.union_value, Some(XmlUnion::List(strings(&["a", "b"]))));
    let value: Unions = decode("<R><unionValue><newMember>x</newMember></unionValue></R>");
    assert_eq!(value.union_value, Some(XmlUnion::Unknown));
    // RestXmlHttpPayloadWithUnion
    let root = tree("<UnionPayload>\n    <greeting>hello</greeting>\n</UnionPayload>");
    let value = UnionPayload::decode(&mut XmlDecoder::member(&root, &WITH_UNION_PAYLOAD.members[0])).unwrap();
    assert_eq!(value, UnionPayload::Greeting("hello".into()));
}

fn union_struct() -> UnionStruct {
    UnionStruct {
        string_value: Some("string".into()),
        boolean_value: Some(true),
        byte_value: Some(1),
        short_value: Some(2),
        integer_value: Some(3),
        long_value: Some(4),
        float_value: Some(5.5),
        double_value: Some(6.5),
    }
}

const RECURSIVE_SHAPES: &str = r#"<RecursiveShapesRequest>
    <nested>
        <foo>Foo1</foo>
        <nested>
            <bar>Bar1</bar>
            <recursiveMember>
                <foo>Foo2</foo>
                <nested>
                    <bar>Bar2</bar>
                </nested>
            </recursiveMember>
        </nested>
    </nested>
</RecursiveShapesRequest>
"#;

fn recursive() -> Recursive {
    let inner = Nested1 { foo: Some("Foo2".into()), nested: Some(Box::new(Nested2 { bar: Some("Bar2".into()), recursive_member: None })) };
    Recursive {
        nested: Some(Nested1 {
            foo: Some("Foo1".into()),
            nested: Some(Box::new(Nested2 { bar: Some("Bar1".into()), recursive_member: Some(Box::new(inner)) })),
        }),
    }
}

#[test]
fn decodes_recursive_shapes_and_namespaces() {
    let value: Recursive = decode(&RECURSIVE_SHAPES.replace("Request>", "Response>"));
    assert_eq!(value, recursive());
    // XmlNamespaces: prefixes and namespace declarations do not change what members are.
    let value: Namespaces = decode(
        "<XmlNamespacesResponse xmlns=\"http://foo.com\">\n    <nested>\n        <foo xmlns:baz=\"http://baz.com\">Foo</foo>\n        <values xmlns=\"http://qux.com\">\n            <member xmlns=\"http://bux.com\">Bar</member>\n            <member xmlns=\"http://bux.com\">Baz</member>\n        </values>\n    </nested>\n</XmlNamespacesResponse>\n",
    );
    assert_eq!(value.nested, Some(NamespaceNested { foo: Some("Foo".into()), values: Some(strings(&["Bar", "Baz"])) }));
    let value: Namespaces = decode("<p:R xmlns:p=\"urn:p\"><p:nested><q:foo xmlns:q=\"urn:q\">Foo</q:foo></p:nested></p:R>");
    assert_eq!(value.nested, Some(NamespaceNested { foo: Some("Foo".into()), values: None }));
}

#[test]
fn decodes_payloads() {
    // HttpPayloadWithXmlName, HttpPayloadWithMemberXmlName: the root's name is not checked.
    for (body, container) in [("<Hello><name>Phreddy</name></Hello>", &WITH_XML_NAME), ("<Hola><name>Phreddy</name></Hola>", &WITH_MEMBER_XML_NAME)] {
        let root = tree(body);
        let value = NamedPayload::decode(&mut XmlDecoder::member(&root, &container.members[0])).unwrap();
        assert_eq!(value, NamedPayload { name: Some("Phreddy".into()) });
    }
    // HttpPayloadWithXmlNamespace, HttpPayloadWithXmlNamespaceAndPrefix
    let root = tree("<PayloadWithXmlNamespace xmlns=\"http://foo.com\">\n    <name>Phreddy</name>\n</PayloadWithXmlNamespace>");
    let value = NamespacedPayload::decode(&mut XmlDecoder::member(&root, &WITH_NAMESPACE_PAYLOAD.members[0])).unwrap();
    assert_eq!(value.name.as_deref(), Some("Phreddy"));
    let root = parse_str("<PayloadWithXmlNamespaceAndPrefix xmlns:baz=\"http://foo.com\">\n    <name>Phreddy</name>\n</PayloadWithXmlNamespaceAndPrefix>").unwrap();
    let value = PrefixedPayload::decode(&mut XmlDecoder::member(&root, &WITH_PREFIX_PAYLOAD.members[0])).unwrap();
    assert_eq!(value.name.as_deref(), Some("Phreddy"));
    // BodyWithXmlName
    let value: BodyWithXmlName = decode("<Ahoy><nested><name>Phreddy</name></nested></Ahoy>");
    assert_eq!(value.nested, Some(NamedPayload { name: Some("Phreddy".into()) }));
}

#[test]
fn decodes_enums_and_int_enums() {
    // XmlEnums
    let value: Enums = decode(&XML_ENUMS.replace("Request>", "Response>"));
    assert_eq!(value, xml_enums());
    // XmlIntEnums
    let value: IntEnums = decode(&XML_INT_ENUMS.replace("Request>", "Response>"));
    assert_eq!(value, xml_int_enums());
}

const XML_ENUMS: &str = r#"<XmlEnumsRequest>
    <fooEnum1>Foo</fooEnum1>
    <fooEnum2>0</fooEnum2>
    <fooEnum3>1</fooEnum3>
    <fooEnumList>
        <member>Foo</member>
        <member>0</member>
    </fooEnumList>
    <fooEnumSet>
        <member>Foo</member>
        <member>0</member>
    </fooEnumSet>
    <fooEnumMap>
        <entry>
            <key>hi</key>
            <value>Foo</value>
        </entry>
        <entry>
            <key>zero</key>
            <value>0</value>
        </entry>
    </fooEnumMap>
</XmlEnumsRequest>
"#;

fn xml_enums() -> Enums {
    Enums {
        foo_enum1: Some(foo("Foo")),
        foo_enum2: Some(foo("0")),
        foo_enum3: Some(foo("1")),
        foo_enum_list: Some(vec![foo("Foo"), foo("0")]),
        foo_enum_set: Some(vec![foo("Foo"), foo("0")]),
        foo_enum_map: Some(map(vec![("hi", foo("Foo")), ("zero", foo("0"))])),
    }
}

const XML_INT_ENUMS: &str = r#"<XmlIntEnumsRequest>
    <intEnum1>1</intEnum1>
    <intEnum2>2</intEnum2>
    <intEnum3>3</intEnum3>
    <intEnumList>
        <member>1</member>
        <member>2</member>
    </intEnumList>
    <intEnumSet>
        <member>1</member>
        <member>2</member>
    </intEnumSet>
    <intEnumMap>
        <entry>
            <key>a</key>
            <value>1</value>
        </entry>
        <entry>
            <key>b</key>
            <value>2</value>
        </entry>
    </intEnumMap>
</XmlIntEnumsRequest>
"#;

fn xml_int_enums() -> IntEnums {
    IntEnums {
        int_enum1: Some(IntEnum(1)),
        int_enum2: Some(IntEnum(2)),
        int_enum3: Some(IntEnum(3)),
        int_enum_list: Some(vec![IntEnum(1), IntEnum(2)]),
        int_enum_set: Some(vec![IntEnum(1), IntEnum(2)]),
        int_enum_map: Some(map(vec![("a", IntEnum(1)), ("b", IntEnum(2))])),
    }
}

#[test]
fn decodes_an_aws_query_result_element() {
    // QuerySimpleScalarProperties: the protocol hands the decoder the <OpResult> element.
    let root = tree(
        "<SimpleScalarXmlPropertiesResponse xmlns=\"https://example.com/\">\n    <SimpleScalarXmlPropertiesResult>\n        <stringValue>string</stringValue>\n        <emptyStringValue/>\n        <trueBooleanValue>true</trueBooleanValue>\n        <integerValue>3</integerValue>\n        <DoubleDribble>6.5</DoubleDribble>\n    </SimpleScalarXmlPropertiesResult>\n    <ResponseMetadata><RequestId>id</RequestId></ResponseMetadata>\n</SimpleScalarXmlPropertiesResponse>\n",
    );
    let result = root.element("SimpleScalarXmlPropertiesResult").unwrap();
    let value = QueryScalars::decode(&mut XmlDecoder::new(result)).unwrap();
    assert_eq!(
        value,
        QueryScalars {
            string_value: Some("string".into()),
            empty_string_value: Some(String::new()),
            true_boolean_value: Some(true),
            integer_value: Some(3),
            double_value: Some(6.5),
        }
    );
}

#[test]
fn decoding_fills_in_defaults_unless_reading_a_response_body() {
    let value: Outer = decode("<Outer><inner label=\"given\"/></Outer>");
    let inner = value.inner.as_ref().unwrap();
    assert_eq!(inner.count, Some(3));
    assert_eq!(inner.label.as_deref(), Some("given"));
    assert_eq!(inner.items, Some(Vec::new()));
    assert_eq!(inner.when, Some(DateTime::from_secs(0)));
    assert_eq!(value.top, Some(1));
    let root = tree("<Outer/>");
    let mut value = Outer::default();
    XmlDecoder::response_body(&root).structure(&OUTER, &mut value).unwrap();
    assert_eq!(value.top, None);
}

#[test]
fn decoding_errors_name_the_path_and_the_problem() {
    let cases: Vec<(smithy_rt::error::DeserializeError, &str, &str)> = vec![
        (decode_error::<Lists>("<XmlListsResponse><integerList><member>1</member><member>x</member></integerList></XmlListsResponse>"), "/XmlListsResponse/integerList/member[2]", "integer"),
        (decode_error::<Lists>("<R><booleanList><member>True</member></booleanList></R>"), "/R/booleanList/member[1]", "'true' or 'false'"),
        (decode_error::<Lists>("<R><flattenedStructureList><value>1</value></flattenedStructureList><flattenedStructureList><value><x/></value></flattenedStructureList></R>"), "/R/flattenedStructureList[2]/value", "expected text, found child elements"),
        (decode_error::<Lists>("<R><nestedStringList><member><member>a</member></member><member><member><b/></member></member></nestedStringList></R>"), "/R/nestedStringList/member[2]/member[1]", "expected text"),
        (decode_error::<Lists>("<R><timestampList><member>2014-04-29</member></timestampList></R>"), "/R/timestampList/member[1]", "date-time"),
        (decode_error::<Scalars>("<R><byteValue>128</byteValue></R>"), "/R/byteValue", "out of range"),
        (decode_error::<Scalars>("<R><DoubleDribble>inf</DoubleDribble></R>"), "/R/DoubleDribble", "decimal number"),
        (decode_error::<Blobs>("<R><data>dmFsdWU</data></R>"), "/R/data", "base64"),
        (decode_error::<GreetingMaps>("<R><myMap><entry><value><hi>x</hi></value></entry></myMap></R>"), "/R/myMap/entry[1]", "needs a <key> element"),
        (decode_error::<Unions>("<R><unionValue><stringValue>a</stringValue><booleanValue>true</booleanValue></unionValue></R>"), "/R/unionValue", "found several"),
        (decode_error::<Unions>("<R><unionValue><stringValue>a</stringValue><stringValue>b</stringValue></unionValue></R>"), "/R/unionValue", "found several"),
        (decode_error::<Unions>("<R><unionValue>  </unionValue></R>"), "/R/unionValue", "found none"),
        (decode_error::<Defaulted>("<R><doc>{}</doc></R>"), "/R/doc", "documents cannot be read from XML"),
        (decode_error::<Timestamps>("<R><httpDate>2014-04-29T18:30:38Z</httpDate></R>"), "/R/httpDate", "http-date"),
    ];
    for (error, path, needle) in cases {
        assert_eq!(error.path(), path, "{error}");
        assert!(error.message().contains(needle), "{error} does not mention {needle:?}");
    }
    let error = decode_error::<TimestampAttribute>("<R test=\"yesterday\"/>");
    assert_eq!(error.path(), "/R/@test");
}

static TIMESTAMP_ATTRIBUTE: Schema =
    Schema::structure("test#TimestampAttribute", "TimestampAttribute", &[Member::timestamp("test", "test").xml_attribute()]);
test_structure!(TimestampAttribute, TIMESTAMP_ATTRIBUTE, [0 test: DateTime]);

// ------------------------------------------------------------------------------------------
// Encoding: request cases of aws.protocoltests.restxml
// ------------------------------------------------------------------------------------------

#[test]
fn encodes_simple_scalar_properties() {
    // SimpleScalarProperties: the header member stays out of the body.
    assert_eq!(
        encode(&all_scalars()),
        "<SimpleScalarPropertiesRequest><stringValue>string</stringValue><trueBooleanValue>true</trueBooleanValue><falseBooleanValue>false</falseBooleanValue><byteValue>1</byteValue><shortValue>2</shortValue><integerValue>3</integerValue><longValue>4</longValue><floatValue>5.5</floatValue><DoubleDribble>6.5</DoubleDribble></SimpleScalarPropertiesRequest>"
    );
    // SimpleScalarPropertiesWithEscapedCharacter, SimpleScalarPropertiesWithWhiteSpace,
    // SimpleScalarPropertiesPureWhiteSpace
    assert_eq!(encode(&string_value("<string>")), "<SimpleScalarPropertiesRequest><stringValue>&lt;string&gt;</stringValue></SimpleScalarPropertiesRequest>");
    assert_xml(
        &encode(&string_value("  string with white    space  ")),
        "<SimpleScalarPropertiesRequest>\n    <stringValue>  string with white    space  </stringValue>\n</SimpleScalarPropertiesRequest>\n",
    );
    assert_xml(&encode(&string_value("   ")), "<SimpleScalarPropertiesRequest>\n    <stringValue>   </stringValue>\n</SimpleScalarPropertiesRequest>\n");
    // RestXmlSupportsNaNFloatInputs, RestXmlSupportsInfinityFloatInputs, RestXmlSupportsNegativeInfinityFloatInputs
    for (float, double, text) in [(f32::NAN, f64::NAN, "NaN"), (f32::INFINITY, f64::INFINITY, "Infinity"), (f32::NEG_INFINITY, f64::NEG_INFINITY, "-Infinity")] {
        let value = Scalars { float_value: Some(float), double_value: Some(double), ..Scalars::default() };
        assert_eq!(
            encode(&value),
            format!("<SimpleScalarPropertiesRequest><floatValue>{text}</floatValue><DoubleDribble>{text}</DoubleDribble></SimpleScalarPropertiesRequest>")
        );
    }
    assert_eq!(encode(&Scalars::default()), "<SimpleScalarPropertiesRequest></SimpleScalarPropertiesRequest>");
}

#[test]
fn encodes_xml_lists() {
    // XmlLists
    assert_xml(&encode(&xml_lists()), XML_LISTS_REQUEST);
    // The response's flattened lists with namespaces: the item's namespace on every item, the
    // list shape's own namespace nowhere.
    let value = Lists {
        flattened_list_with_member_namespace: Some(strings(&["a", "b"])),
        flattened_list_with_namespace: Some(strings(&["a", "b"])),
        ..Lists::default()
    };
    assert_eq!(
        encode(&value),
        "<XmlListsRequest><flattenedListWithMemberNamespace xmlns=\"https://xml-member.example.com\">a</flattenedListWithMemberNamespace><flattenedListWithMemberNamespace xmlns=\"https://xml-member.example.com\">b</flattenedListWithMemberNamespace><flattenedListWithNamespace>a</flattenedListWithNamespace><flattenedListWithNamespace>b</flattenedListWithNamespace></XmlListsRequest>"
    );
}

#[test]
fn encodes_empty_lists_maps_and_strings() {
    // XmlEmptyLists, XmlEmptyMaps, XmlEmptyStrings
    let value = Lists { string_list: Some(Vec::new()), string_set: Some(Vec::new()), ..Lists::default() };
    assert_xml(&encode_as("XmlEmptyListsRequest", None, &value), "<XmlEmptyListsRequest>\n        <stringList></stringList>\n        <stringSet></stringSet>\n</XmlEmptyListsRequest>\n");
    // Flattened, an empty list is nothing at all.
    let value = Lists { flattened_list: Some(Vec::new()), ..Lists::default() };
    assert_eq!(encode(&value), "<XmlListsRequest></XmlListsRequest>");
    let value = GreetingMaps { my_map: Some(HashMap::new()) };
    assert_eq!(encode_as("XmlEmptyMapsRequest", None, &value), "<XmlEmptyMapsRequest><myMap></myMap></XmlEmptyMapsRequest>");
    let value = EmptyStrings { empty_string: Some(String::new()) };
    assert_eq!(encode(&value), "<XmlEmptyStringsRequest><emptyString></emptyString></XmlEmptyStringsRequest>");
}

#[test]
fn encodes_maps() {
    // XmlMaps, XmlMapsXmlName (entries in key order: the writer sorts them, the tests list
    // them as the params do)
    let greetings = map(vec![("foo", hi("there")), ("baz", hi("bye"))]);
    assert_xml(
        &encode(&GreetingMaps { my_map: Some(map(vec![("foo", hi("there")), ("baz", hi("bye"))])) }),
        "<XmlMapsRequest>\n    <myMap>\n        <entry>\n            <key>baz</key>\n            <value>\n                <hi>bye</hi>\n            </value>\n        </entry>\n        <entry>\n            <key>foo</key>\n            <value>\n                <hi>there</hi>\n            </value>\n        </entry>\n    </myMap>\n</XmlMapsRequest>\n",
    );
    assert_xml(
        &encode(&NamedGreetingMaps { my_map: Some(greetings) }),
        "<XmlMapsXmlNameRequest>\n    <myMap>\n        <entry>\n            <Attribute>baz</Attribute>\n            <Setting>\n                <hi>bye</hi>\n            </Setting>\n        </entry>\n        <entry>\n            <Attribute>foo</Attribute>\n            <Setting>\n                <hi>there</hi>\n            </Setting>\n        </entry>\n    </myMap>\n</XmlMapsXmlNameRequest>\n",
    );
    // FlattenedXmlMap, FlattenedXmlMapWithXmlName
    assert_xml(
        &encode(&FlatMap { my_map: Some(map(vec![("foo", foo("Foo")), ("baz", foo("Baz"))])) }),
        "<FlattenedXmlMapRequest>\n    <myMap>\n        <key>baz</key>\n        <value>Baz</value>\n    </myMap>\n    <myMap>\n        <key>foo</key>\n        <value>Foo</value>\n    </myMap>\n</FlattenedXmlMapRequest>",
    );
    let letters = map(vec![("a", "A".to_string()), ("b", "B".to_string())]);
    assert_xml(
        &encode(&FlatNamedMap { my_map: Some(letters.clone()) }),
        "<FlattenedXmlMapWithXmlNameRequest>\n    <KVP>\n        <K>a</K>\n        <V>A</V>\n    </KVP>\n    <KVP>\n        <K>b</K>\n        <V>B</V>\n    </KVP>\n</FlattenedXmlMapWithXmlNameRequest>",
    );
    // RestXmlXmlMapWithXmlNamespace, and the flattened response case written back
    assert_xml(
        &encode(&NamespacedMap { my_map: Some(letters.clone()) }),
        "<XmlMapWithXmlNamespaceRequest>\n    <KVP xmlns=\"https://the-member.example.com\">\n        <entry>\n            <K xmlns=\"https://the-key.example.com\">a</K>\n            <V xmlns=\"https://the-value.example.com\">A</V>\n        </entry>\n        <entry>\n            <K xmlns=\"https://the-key.example.com\">b</K>\n            <V xmlns=\"https://the-value.example.com\">B</V>\n        </entry>\n    </KVP>\n</XmlMapWithXmlNamespaceRequest>",
    );
    assert_xml(
        &encode(&FlatNamespacedMap { my_map: Some(letters) }),
        "<FlattenedXmlMapWithXmlNamespaceOutput>\n    <KVP xmlns=\"https://the-member.example.com\">\n        <K xmlns=\"https://the-key.example.com\">a</K>\n        <V xmlns=\"https://the-value.example.com\">A</V>\n    </KVP>\n    <KVP xmlns=\"https://the-member.example.com\">\n        <K xmlns=\"https://the-key.example.com\">b</K>\n        <V xmlns=\"https://the-value.example.com\">B</V>\n    </KVP>\n</FlattenedXmlMapWithXmlNamespaceOutput>",
    );
}

#[test]
fn encodes_nested_maps() {
    // NestedXmlMapRequest, FlatNestedXmlMapRequest
    let nested = map(vec![("foo", map(vec![("bar", foo("Bar"))]))]);
    assert_xml(
        &encode(&NestedMaps { nested_map: Some(nested.clone()), flat_nested_map: None }),
        "<NestedXmlMapsRequest>\n    <nestedMap>\n        <entry>\n            <key>foo</key>\n            <value>\n                <entry>\n                    <key>bar</key>\n                    <value>Bar</value>\n                </entry>\n            </value>\n        </entry>\n    </nestedMap>\n</NestedXmlMapsRequest>",
    );
    assert_xml(
        &encode(&NestedMaps { nested_map: None, flat_nested_map: Some(nested) }),
        "<NestedXmlMapsRequest>\n    <flatNestedMap>\n        <key>foo</key>\n        <value>\n            <entry>\n                <key>bar</key>\n                <value>Bar</value>\n            </entry>\n        </value>\n    </flatNestedMap>\n</NestedXmlMapsRequest>",
    );
    // NestedXmlMapWithXmlNameSerializes
    assert_xml(&encode(&NestedNamedMaps { map: Some(nested_named_map()) }), NESTED_XML_MAP_WITH_XML_NAME);
}

#[test]
fn encodes_attributes() {
    // XmlAttributes, XmlAttributesWithEscaping
    assert_eq!(
        encode(&Attributes { foo: Some("hi".into()), attr: Some("test".into()) }),
        "<XmlAttributesRequest test=\"test\"><foo>hi</foo></XmlAttributesRequest>"
    );
    assert_eq!(
        encode(&Attributes { foo: Some("hi".into()), attr: Some("<test&mock>".into()) }),
        "<XmlAttributesRequest test=\"&lt;test&amp;mock&gt;\"><foo>hi</foo></XmlAttributesRequest>"
    );
    // XmlAttributesOnPayload
    let payload = AttributesPayload { foo: Some("hi".into()), attr: Some("test".into()) };
    assert_eq!(payload_name(&ON_PAYLOAD.members[0]), "XmlAttributesPayloadRequest");
    assert_eq!(encode_payload(&ON_PAYLOAD, &payload), "<XmlAttributesPayloadRequest test=\"test\"><foo>hi</foo></XmlAttributesPayloadRequest>");
    // restXmlWithNamespace: the service's namespace on the root, a prefixed member namespace
    // declared before the prefixed attribute that uses it.
    let value = ServiceNamespaced { string_value: Some("string".into()), nested: Some(NestedWithNamespace { attr_field: Some("nestedAttrValue".into()) }) };
    assert_eq!(
        encode_as("SimpleScalarPropertiesRequest", Some(XmlNamespace { uri: "https://example.com", prefix: None }), &value),
        "<SimpleScalarPropertiesRequest xmlns=\"https://example.com\"><stringValue>string</stringValue><Nested xmlns:xsi=\"https://example.com\" xsi:someName=\"nestedAttrValue\"></Nested></SimpleScalarPropertiesRequest>"
    );
}

#[test]
fn encodes_timestamps_in_every_format() {
    let when = Some(DateTime::from_secs(1398796238));
    let cases: [(Timestamps, &str, &str); 7] = [
        (Timestamps { normal: when, ..Timestamps::default() }, "normal", "2014-04-29T18:30:38Z"),
        (Timestamps { date_time: when, ..Timestamps::default() }, "dateTime", "2014-04-29T18:30:38Z"),
        (Timestamps { date_time_on_target: when, ..Timestamps::default() }, "dateTimeOnTarget", "2014-04-29T18:30:38Z"),
        (Timestamps { epoch_seconds: when, ..Timestamps::default() }, "epochSeconds", "1398796238"),
        (Timestamps { epoch_seconds_on_target: when, ..Timestamps::default() }, "epochSecondsOnTarget", "1398796238"),
        (Timestamps { http_date: when, ..Timestamps::default() }, "httpDate", "Tue, 29 Apr 2014 18:30:38 GMT"),
        (Timestamps { http_date_on_target: when, ..Timestamps::default() }, "httpDateOnTarget", "Tue, 29 Apr 2014 18:30:38 GMT"),
    ];
    for (value, name, text) in cases {
        assert_eq!(encode(&value), format!("<XmlTimestampsRequest><{name}>{text}</{name}></XmlTimestampsRequest>"));
    }
    let value = Timestamps { normal: Some(DateTime::from_secs_and_nanos(946845296, 123_000_000)), ..Timestamps::default() };
    assert_eq!(encode(&value), "<XmlTimestampsRequest><normal>2000-01-02T20:34:56.123Z</normal></XmlTimestampsRequest>");
}

#[test]
fn encodes_unions() {
    // XmlUnionsWithStructMember, XmlUnionsWithStringMember, XmlUnionsWithBooleanMember, XmlUnionsWithUnionMember
    assert_xml(
        &encode(&Unions { union_value: Some(XmlUnion::Struct(union_struct())) }),
        "<XmlUnionsRequest>\n    <unionValue>\n       <structValue>\n          <stringValue>string</stringValue>\n          <booleanValue>true</booleanValue>\n          <byteValue>1</byteValue>\n          <shortValue>2</shortValue>\n          <integerValue>3</integerValue>\n          <longValue>4</longValue>\n          <floatValue>5.5</floatValue>\n          <doubleValue>6.5</doubleValue>\n       </structValue>\n    </unionValue>\n</XmlUnionsRequest>\n",
    );
    assert_eq!(
        encode(&Unions { union_value: Some(XmlUnion::String("some string".into())) }),
        "<XmlUnionsRequest><unionValue><stringValue>some string</stringValue></unionValue></XmlUnionsRequest>"
    );
    assert_eq!(
        encode(&Unions { union_value: Some(XmlUnion::Boolean(true)) }),
        "<XmlUnionsRequest><unionValue><booleanValue>true</booleanValue></unionValue></XmlUnionsRequest>"
    );
    assert_eq!(
        encode(&Unions { union_value: Some(XmlUnion::Union(Box::new(XmlUnion::Boolean(true)))) }),
        "<XmlUnionsRequest><unionValue><unionValue><booleanValue>true</booleanValue></unionValue></unionValue></XmlUnionsRequest>"
    );
    assert_eq!(
        encode(&Unions { union_value: Some(XmlUnion::List(strings(&["a", "b"]))) }),
        "<XmlUnionsRequest><unionValue><listValue>a</listValue><listValue>b</listValue></unionValue></XmlUnionsRequest>"
    );
    assert_eq!(encode(&Unions { union_value: Some(XmlUnion::Unknown) }), "<XmlUnionsRequest><unionValue></unionValue></XmlUnionsRequest>");
    // RestXmlHttpPayloadWithUnion
    assert_eq!(encode_payload(&WITH_UNION_PAYLOAD, &UnionPayload::Greeting("hello".into())), "<UnionPayload><greeting>hello</greeting></UnionPayload>");
}

#[test]
fn encodes_namespaces_recursive_shapes_and_blobs() {
    // XmlNamespaces: the input shape's namespace on the root; the nested shape's own namespace
    // is not repeated, members declare theirs.
    let value = Namespaces { nested: Some(NamespaceNested { foo: Some("Foo".into()), values: Some(strings(&["Bar", "Baz"])) }) };
    assert_eq!(
        encode(&value),
        "<XmlNamespacesRequest xmlns=\"http://foo.com\"><nested><foo xmlns:baz=\"http://baz.com\">Foo</foo><values xmlns=\"http://qux.com\"><member xmlns=\"http://bux.com\">Bar</member><member xmlns=\"http://bux.com\">Baz</member></values></nested></XmlNamespacesRequest>"
    );
    // RecursiveShapes
    assert_xml(&encode(&recursive()), RECURSIVE_SHAPES);
    // XmlBlobs
    assert_eq!(encode(&Blobs { data: Some(Blob::new(b"value".to_vec())) }), "<XmlBlobsRequest><data>dmFsdWU=</data></XmlBlobsRequest>");
}

#[test]
fn encodes_payload_and_body_names() {
    let phreddy = NamedPayload { name: Some("Phreddy".into()) };
    // HttpPayloadWithXmlName, HttpPayloadWithMemberXmlName
    assert_eq!(encode_payload(&WITH_XML_NAME, &phreddy), "<Hello><name>Phreddy</name></Hello>");
    assert_eq!(encode_payload(&WITH_MEMBER_XML_NAME, &phreddy), "<Hola><name>Phreddy</name></Hola>");
    // HttpPayloadWithXmlNamespace, HttpPayloadWithXmlNamespaceAndPrefix
    let value = NamespacedPayload { name: Some("Phreddy".into()) };
    assert_eq!(encode_payload(&WITH_NAMESPACE_PAYLOAD, &value), "<PayloadWithXmlNamespace xmlns=\"http://foo.com\"><name>Phreddy</name></PayloadWithXmlNamespace>");
    let value = PrefixedPayload { name: Some("Phreddy".into()) };
    assert_eq!(
        encode_payload(&WITH_PREFIX_PAYLOAD, &value),
        "<PayloadWithXmlNamespaceAndPrefix xmlns:baz=\"http://foo.com\"><name>Phreddy</name></PayloadWithXmlNamespaceAndPrefix>"
    );
    // BodyWithXmlName: the input's @xmlName names the root; the target's @xmlName does not
    // name the member's element.
    assert_eq!(encode(&BodyWithXmlName { nested: Some(phreddy) }), "<Ahoy><nested><name>Phreddy</name></nested></Ahoy>");
    assert_eq!(root_name(&LISTS), "XmlListsRequest");
}

#[test]
fn encodes_enums_and_int_enums() {
    // XmlEnums, XmlIntEnums (map keys in the tests' order already)
    assert_xml(&encode(&xml_enums()), XML_ENUMS);
    assert_xml(&encode(&xml_int_enums()), XML_INT_ENUMS);
}

#[test]
fn encoding_fills_tokens_and_nested_defaults_like_the_json_encoder() {
    let value = Outer { inner: Some(Defaulted::default()), top: None };
    let written = encode(&value);
    let root = tree(&written);
    let inner = root.element("inner").unwrap();
    assert_eq!(inner.attribute("label"), Some("x"));
    let token = inner.element("token").unwrap().text().into_owned();
    assert_eq!(token.len(), 36, "{token}");
    assert_eq!(inner.element("count").unwrap().text(), "3");
    assert_eq!(inner.element("items").map(Element::has_elements), Some(false));
    assert_eq!(inner.element("when").unwrap().text(), "1970-01-01T00:00:00Z");
    // @clientOptional defaults, documents (XML has none) and top-level defaults stay out.
    assert!(inner.element("optional").is_none() && inner.element("doc").is_none());
    assert!(root.element("top").is_none());
    // Set values win over defaults.
    let value = Outer { inner: Some(Defaulted { token: Some("t".into()), label: Some("l".into()), ..Defaulted::default() }), top: Some(7) };
    let written = encode(&value);
    assert!(written.starts_with("<Outer><inner label=\"l\"><token>t</token><count>3</count>"), "{written}");
    assert!(written.ends_with("</inner><top>7</top></Outer>"), "{written}");
}

#[test]
fn what_is_encoded_decodes_back() {
    fn round_trip<T: Decode + Value + PartialEq + fmt::Debug>(value: &T) {
        let written = encode(value);
        let back: T = decode(&written);
        assert_eq!(&back, value, "{written}");
    }
    round_trip(&Scalars { foo: None, ..all_scalars() });
    round_trip(&xml_lists());
    round_trip(&NestedNamedMaps { map: Some(nested_named_map()) });
    round_trip(&recursive());
    round_trip(&xml_enums());
    round_trip(&xml_int_enums());
    round_trip(&Unions { union_value: Some(XmlUnion::Struct(union_struct())) });
    round_trip(&Scalars { string_value: Some("\r\n\t <&>\"' \u{85}\u{2028} é😹".into()), ..Scalars::default() });
    round_trip(&Attributes { foo: Some("a\r\nb".into()), attr: Some(" \t\r\n&\"<>".into()) });
}

// ------------------------------------------------------------------------------------------
// Every XML body of the Smithy protocol tests, and random documents
// ------------------------------------------------------------------------------------------

#[test]
fn every_xml_body_in_the_smithy_protocol_tests_parses_and_writes_back() {
    let mut checked = 0;
    for file in ["aws.protocoltests.restxml.json", "aws.protocoltests.restxml.xmlns.json", "aws.protocoltests.query.json", "aws.protocoltests.ec2.json"] {
        let Some(path) = shared_file(&format!("protocol-tests/{file}")) else { return };
        let model: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        for shape in model["shapes"].as_object().unwrap().values() {
            let Some(traits) = shape.get("traits") else { continue };
            for case in traits.get("smithy.test#httpResponseTests").and_then(|v| v.as_array()).into_iter().flatten() {
                let Some(body) = case["body"].as_str() else { continue };
                if !body.trim_start().starts_with('<') {
                    continue;
                }
                let tree = parse_str(body).unwrap_or_else(|e| panic!("{}: {e}", case["id"]));
                assert_eq!(parse_str(&write_tree(&tree)).unwrap(), tree, "{}", case["id"]);
                checked += 1;
            }
            for case in traits.get("smithy.test#httpRequestTests").and_then(|v| v.as_array()).into_iter().flatten() {
                let Some(body) = case["body"].as_str() else { continue };
                if case["bodyMediaType"].as_str() == Some("application/xml") && !body.is_empty() {
                    parse_str(body).unwrap_or_else(|e| panic!("{}: {e}", case["id"]));
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 150, "only {checked} bodies found");
}

/// Everything of a tree, text and attributes as they are.
fn write_tree(element: &Element) -> String {
    fn write(w: &mut XmlWriter, element: &Element) {
        w.start_element(&element.name);
        for attribute in &element.attributes {
            w.attribute(&attribute.name, &attribute.value);
        }
        for child in &element.children {
            match child {
                Content::Element(child) => write(w, child),
                Content::Text(text) => {
                    w.text(text);
                }
            }
        }
        w.end_element();
    }
    let mut w = XmlWriter::new();
    write(&mut w, element);
    w.into_string()
}

const PIECES: &[&str] = &[
    "<", ">", "</", "/>", "<a>", "</a>", "<b x=\"1\">", "</b>", "<p:c xmlns:p=\"u\">", "</p:c>", "&", ";", "&amp;", "&lt;", "&#", "&#x",
    "&#65;", "&#x1F639;", "&foo;", "<![CDATA[", "]]>", "<!--", "-->", "<?", "?>", "<?xml version=\"1.0\"?>", "<!DOCTYPE a>",
    "<!DOCTYPE a [<!ENTITY e \"x\">]>", "\"", "'", "=", " ", "\r\n", "\t", "é", "😹", "\u{0}", "\u{1}", "\u{feff}", "x", ":", "member",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(4) {
            0 if at < bytes.len() => {
                bytes.remove(at);
            }
            1 => bytes.insert(at, rng.next() as u8),
            2 if at < bytes.len() => bytes[at] = rng.next() as u8,
            _ => {
                let piece = PIECES[rng.below(PIECES.len())].as_bytes();
                bytes.splice(at..at, piece.iter().copied());
            }
        }
    }
    bytes
}

#[test]
fn random_documents_never_panic_and_what_parses_writes_back() {
    let seeds: Vec<String> = vec![
        XML_LISTS_REQUEST.to_string(),
        SIMPLE_SCALAR_PROPERTIES_RESPONSE.to_string(),
        "<?xml version=\"1.0\"?><a x='1' p:y=\"&lt;\"><b>t&amp;&#65;</b><![CDATA[<c>]]><!--c--><e/></a>".to_string(),
        "<R><unionValue><structValue><byteValue>1</byteValue></structValue></unionValue><myMap><entry><key>k</key><value><hi>v</hi></value></entry></myMap></R>".to_string(),
    ];
    let mut rng = Rng(0x5eed_c0ff_ee00_f00d);
    let mut accepted = 0;
    for i in 0..40_000 {
        let input = if i % 4 == 0 {
            let mut text = Vec::new();
            for _ in 0..rng.below(30) {
                text.extend_from_slice(PIECES[rng.below(PIECES.len())].as_bytes());
            }
            text
        } else {
            let seed = rng.below(seeds.len());
            mutate(&mut rng, seeds[seed].as_bytes())
        };
        let Ok(tree) = parse(&input) else { continue };
        accepted += 1;
        let written = write_tree(&tree);
        assert_eq!(parse_str(&written).as_ref(), Ok(&tree), "{:?}", String::from_utf8_lossy(&input));
        // Any tree read against any schema gives a value or an error, never a panic.
        let _ = Lists::decode(&mut XmlDecoder::new(&tree));
        let _ = Unions::decode(&mut XmlDecoder::new(&tree));
        let _ = GreetingMaps::decode(&mut XmlDecoder::new(&tree));
        let _ = Scalars::decode(&mut XmlDecoder::response_body(&tree));
    }
    assert!(accepted > 1_000, "only {accepted} random documents were well-formed");
}

/// Random trees, names and text full of characters that need escaping: written, they parse
/// back to the same tree.
#[test]
fn random_trees_write_and_parse_back() {
    const NAMES: &[&str] = &["a", "b", "p:c", "member", "entry", "x-y", "_z", "é"];
    const TEXTS: &[&str] = &["", "t", " ", "\r\n", "\t", "&", "<", ">", "]]>", "\"", "'", "\u{85}", "\u{2028}", "\u{2029}", "é", "😹", "&amp;", "\u{fffd}"];
    fn text(rng: &mut Rng) -> String {
        (0..rng.below(4)).map(|_| TEXTS[rng.below(TEXTS.len())]).collect()
    }
    fn random_tree(rng: &mut Rng, depth: usize) -> Element {
        let mut element = Element::new(NAMES[rng.below(NAMES.len())]);
        for i in 0..rng.below(3) {
            element.attributes.push(smithy_rt::xml::Attribute { name: format!("k{i}"), value: text(rng) });
        }
        let mut last_was_text = false;
        for _ in 0..rng.below(if depth < 6 { 4 } else { 1 }) {
            if rng.below(2) == 0 && !last_was_text {
                let t = text(rng);
                if !t.is_empty() {
                    element.children.push(Content::Text(t));
                    last_was_text = true;
                }
            } else {
                element.children.push(Content::Element(random_tree(rng, depth + 1)));
                last_was_text = false;
            }
        }
        element
    }
    /// What the parser leaves out: whitespace-only text beside child elements.
    fn without_indentation(element: &mut Element) {
        if element.has_elements() {
            element.children.retain(|c| !matches!(c, Content::Text(t) if t.trim_matches([' ', '\t', '\r', '\n']).is_empty()));
        }
        for child in &mut element.children {
            if let Content::Element(child) = child {
                without_indentation(child);
            }
        }
    }
    let mut rng = Rng(0x0dd_ba11_cafe_f00d);
    for _ in 0..5_000 {
        let mut tree = random_tree(&mut rng, 0);
        let written = write_tree(&tree);
        without_indentation(&mut tree);
        assert_eq!(parse_str(&written).as_ref(), Ok(&tree), "{written}");
    }
}
