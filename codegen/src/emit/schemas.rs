//! Schema statics: the member lists of every type, and `src/schemas.rs` with the list and map
//! schemas, constraint sets and patterns the types share.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{ToTokens, quote};

use super::{rt, schema_ref_tokens};
use crate::ir::{Binding, Bound, Crate, MemberSchema, SchemaRef};
use crate::node::Node;
use crate::traits::TimestampFormat;

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn node_tokens(node: &Node) -> TokenStream {
    let rt = rt();
    match node {
        Node::Null => quote!(#rt::schema::Node::Null),
        Node::Bool(b) => quote!(#rt::schema::Node::Bool(#b)),
        Node::Number(n) => quote!(#rt::schema::Node::Number(#n)),
        Node::String(s) => quote!(#rt::schema::Node::String(#s)),
        Node::Array(items) => {
            let items = items.iter().map(node_tokens);
            quote!(#rt::schema::Node::List(&[#( #items ),*]))
        }
        Node::Object(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = node_tokens(v);
                quote!((#k, #v))
            });
            quote!(#rt::schema::Node::Map(&[#( #entries ),*]))
        }
    }
}

fn namespace_tokens(namespace: &(String, Option<String>)) -> TokenStream {
    let (uri, prefix) = namespace;
    let prefix = match prefix {
        Some(p) => quote!(::core::option::Option::Some(#p)),
        None => quote!(::core::option::Option::None),
    };
    quote!(#uri, #prefix)
}

/// One member's schema: `Member::new(name, field, &TARGET)` and the settings it has.
pub(crate) fn member_tokens(krate: &Crate, m: &MemberSchema) -> TokenStream {
    let rt = rt();
    let (name, field) = (&m.name, &m.field);
    let mut out = match &m.target {
        SchemaRef::Prelude(kind) => {
            let constructor = ident(&kind.to_ascii_lowercase());
            quote!(#rt::schema::Member::#constructor(#name, #field))
        }
        target => {
            let target = schema_ref_tokens(krate, target);
            quote!(#rt::schema::Member::new(#name, #field, &#target))
        }
    };
    if m.required {
        out.extend(quote!(.required()));
    }
    if m.sensitive {
        out.extend(quote!(.sensitive()));
    }
    match (m.checks, m.constraints) {
        (_, Some(index)) => {
            let set = ident(&krate.constraints[index].ident);
            out.extend(quote!(.checks(&crate::schemas::#set)));
        }
        (true, None) => out.extend(quote!(.nested())),
        (false, None) => {}
    }
    let binding = match &m.binding {
        Binding::Body => None,
        Binding::Label => Some(quote!(Label)),
        Binding::Query(name) => Some(quote!(Query(#name))),
        Binding::QueryParams => Some(quote!(QueryParams)),
        Binding::Header(name) => Some(quote!(Header(#name))),
        Binding::PrefixHeaders(prefix) => Some(quote!(PrefixHeaders(#prefix))),
        Binding::Payload => Some(quote!(Payload)),
        Binding::ResponseCode => Some(quote!(ResponseCode)),
    };
    if let Some(binding) = binding {
        out.extend(quote!(.binding(#rt::schema::Binding::#binding)));
    }
    if let Some(name) = &m.json_name {
        out.extend(quote!(.json_name(#name)));
    }
    if let Some(format) = m.timestamp_format {
        let format = match format {
            TimestampFormat::EpochSeconds => quote!(EpochSeconds),
            TimestampFormat::DateTime => quote!(DateTime),
            TimestampFormat::HttpDate => quote!(HttpDate),
        };
        out.extend(quote!(.timestamp_format(#rt::schema::TimestampFormat::#format)));
    }
    if let Some(media) = &m.media_type {
        out.extend(quote!(.media_type(#media)));
    }
    if m.idempotency_token {
        out.extend(quote!(.idempotency_token()));
    }
    if m.streaming {
        out.extend(quote!(.streaming()));
    }
    if let Some(node) = &m.default {
        let node = node_tokens(node);
        out.extend(quote!(.default(&#node)));
    }
    if m.client_optional {
        out.extend(quote!(.client_optional()));
    }
    if let Some(name) = &m.xml_name {
        out.extend(quote!(.xml_name(#name)));
    }
    if m.xml_attribute {
        out.extend(quote!(.xml_attribute()));
    }
    if m.xml_flattened {
        out.extend(quote!(.xml_flattened()));
    }
    if let Some(namespace) = &m.xml_namespace {
        let namespace = namespace_tokens(namespace);
        out.extend(quote!(.xml_namespace(#namespace)));
    }
    if let Some(name) = &m.ec2_query_name {
        out.extend(quote!(.ec2_query_name(#name)));
    }
    if let Some(value) = &m.unset_value {
        out.extend(quote!(.unset_value(#value)));
    }
    if m.host_label {
        out.extend(quote!(.host_label()));
    }
    out
}

/// Shape-level settings of a schema (`.sensitive()`, XML name and namespace).
pub(crate) fn shape_settings(sensitive: bool, xml_name: Option<&str>, xml_namespace: Option<&(String, Option<String>)>) -> TokenStream {
    let mut out = TokenStream::new();
    if sensitive {
        out.extend(quote!(.sensitive()));
    }
    if let Some(name) = xml_name {
        out.extend(quote!(.xml_name(#name)));
    }
    if let Some(namespace) = xml_namespace {
        let namespace = namespace_tokens(namespace);
        out.extend(quote!(.xml_namespace(#namespace)));
    }
    out
}

fn bound_tokens(bound: &Option<Bound>) -> TokenStream {
    let rt = rt();
    match bound {
        None => quote!(::core::option::Option::None),
        Some(Bound::Int(text, value)) => quote!(::core::option::Option::Some(#rt::schema::Bound::int(#text, #value))),
        Some(Bound::Float(text, double, single)) => {
            let (double, single) = (f64_tokens(f64::from_bits(*double)), f32_tokens(f32::from_bits(*single)));
            quote!(::core::option::Option::Some(#rt::schema::Bound::float(#text, #double, #single)))
        }
        Some(Bound::Decimal(text)) => quote!(::core::option::Option::Some(#rt::schema::Bound::decimal(#text))),
    }
}

/// A finite bound as a literal, an infinite one (a bound past the type's range) as the type's
/// infinity, which `Literal` cannot spell.
fn f64_tokens(value: f64) -> TokenStream {
    match value {
        f64::INFINITY => quote!(::core::primitive::f64::INFINITY),
        f64::NEG_INFINITY => quote!(::core::primitive::f64::NEG_INFINITY),
        _ if value.is_nan() => quote!(::core::primitive::f64::NAN),
        _ => Literal::f64_unsuffixed(value).into_token_stream(),
    }
}

/// [`f64_tokens`] for `f32`.
fn f32_tokens(value: f32) -> TokenStream {
    match value {
        f32::INFINITY => quote!(::core::primitive::f32::INFINITY),
        f32::NEG_INFINITY => quote!(::core::primitive::f32::NEG_INFINITY),
        _ if value.is_nan() => quote!(::core::primitive::f32::NAN),
        _ => Literal::f32_unsuffixed(value).into_token_stream(),
    }
}

fn option_u64(value: Option<u64>) -> TokenStream {
    match value {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

/// `src/schemas.rs`, or `None` when the crate shares nothing.
pub(crate) fn schemas_rs(krate: &Crate) -> Option<TokenStream> {
    if krate.patterns.is_empty() && krate.constraints.is_empty() && krate.collections.is_empty() {
        return None;
    }
    let rt = rt();
    let patterns = krate.patterns.iter().map(|p| {
        let name = ident(&p.ident);
        let (source, regex) = (&p.source, &p.regex);
        let (requirements, exclusions) = (&p.requirements, &p.exclusions);
        quote! {
            pub(crate) static #name: #rt::schema::Pattern = #rt::schema::Pattern::new(#source, #regex, &[#( #requirements ),*], &[#( #exclusions ),*]);
        }
    });
    let constraints = krate.constraints.iter().map(|c| {
        let name = ident(&c.ident);
        let mut value = quote!(#rt::schema::Constraints::NONE);
        if let Some((min, max)) = c.length {
            let (min, max) = (option_u64(min), option_u64(max));
            value.extend(quote!(.length(#min, #max)));
        }
        if let Some((min, max)) = &c.range {
            let (min, max) = (bound_tokens(min), bound_tokens(max));
            value.extend(quote!(.range(#min, #max)));
        }
        if let Some(index) = c.pattern {
            let pattern = ident(&krate.patterns[index].ident);
            value.extend(quote!(.pattern(&#pattern)));
        }
        if c.unique_items {
            value.extend(quote!(.unique_items()));
        }
        if let Some(index) = c.key_pattern {
            let pattern = ident(&krate.patterns[index].ident);
            value.extend(quote!(.key_pattern(&#pattern)));
        }
        if let Some(max) = c.max_total_utf8_bytes {
            value.extend(quote!(.max_total_utf8_bytes(#max)));
        }
        quote!(pub(crate) static #name: #rt::schema::Constraints = #value;)
    });
    let collections = krate.collections.iter().map(|c| {
        let name = ident(&c.ident);
        let id = &c.shape_id;
        let members = c.members.iter().map(|m| member_tokens(krate, m));
        let constructor = if c.map { quote!(map) } else { quote!(list) };
        quote!(pub(crate) static #name: #rt::schema::Schema = #rt::schema::Schema::#constructor(#id, &[#( #members ),*]);)
    });
    Some(quote! {
        //! Schemas the crate's types share: `@pattern` expressions, constraint sets, and the list
        //! and map shapes.

        #( #patterns )*

        #( #constraints )*

        #( #collections )*
    })
}
