//! `tests/endpoint_tests.rs`: one `#[test]` per case of `smithy.rules#endpointTests`, checking
//! the URL, headers and properties, or the error message, exactly: for the case's parameters,
//! then for each of its `operationInputs` through the operation's own bindings.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::doc_lines;
use crate::emit::literals::Values;
use crate::ir::Crate;
use crate::ir::endpoints::{Document, EndpointRules, Expectation, ExpectedEndpoint, Number, ParamValue, Parameter};

pub(super) fn endpoint_tests(krate: &Crate, rules: &EndpointRules, service: &str) -> TokenStream {
    let lib = format_ident!("{}", krate.lib_name);
    let mut tests = Vec::new();
    let mut uses_documents = false;
    let values = Values { krate, lib: lib.clone() };
    for case in &rules.tests {
        let setters = param_setters(&rules.parameters, &case.params);
        let check = match &case.expect {
            Expectation::Error(message) => quote! {
                let error = resolve(&params).expect_err("the rule set rejects these parameters");
                assert_eq!(error.to_string(), #message);
            },
            Expectation::Endpoint(endpoint) => {
                uses_documents |= !endpoint.properties.is_empty();
                endpoint_check(endpoint)
            }
        };
        let calls: Vec<TokenStream> = case.operation_inputs.iter().filter_map(|call| {
            let op = krate.operations.get(call.operation)?;
            let module = format_ident!("{}", op.module);
            let marker = format_ident!("{}", op.marker);
            let input = values.value(&call.input);
            let settings = param_setters(&rules.parameters, &call.params);
            let name = &op.name;
            Some(quote! {
                {
                    let input = #input;
                    let params = ::#lib::operation::#module::#marker::endpoint_params(&input, Params::builder() #( #settings )*)
                        .expect(::std::concat!("the input of ", #name, " binds"))
                        .build();
                    #check
                }
            })
        }).collect();
        let name = case.name.to_ident();
        let documentation = case.documentation.as_deref().unwrap_or("");
        let docs = if documentation.trim().is_empty() { quote!() } else { doc_lines(&crate::docs::to_rustdoc(documentation)) };
        let body = if calls.is_empty() {
            quote! {
                let params = Params::builder() #( #setters )* .build();
                #check
            }
        } else {
            quote! {
                {
                    let params = Params::builder() #( #setters )* .build();
                    #check
                }
                #( #calls )*
            }
        };
        tests.push(quote! {
            #docs
            #[test]
            fn #name() {
                #body
            }
        });
    }
    let support = uses_documents.then(|| {
        quote! {
            mod support {
                use ::smithy_rt::primitives::Document;

                /// Equal documents, with object members compared regardless of order.
                pub fn same_document(a: &Document, b: &Document) -> bool {
                    match (a, b) {
                        (Document::Array(x), Document::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_document(a, b)),
                        (Document::Object(x), Document::Object(y)) => {
                            x.len() == y.len() && x.iter().all(|(k, v)| y.iter().any(|(k2, v2)| k == k2 && same_document(v, v2)))
                        }
                        _ => a == b,
                    }
                }
            }
        }
    });
    let doc = format!(" The `smithy.rules#endpointTests` cases of `{service}`, run against the generated resolver.");
    quote! {
        #![doc = #doc]

        use ::#lib::endpoint::{resolve, Params};

        #support

        #( #tests )*
    }
}

/// The builder calls that set `params`.
fn param_setters(parameters: &[Parameter], params: &[(usize, ParamValue)]) -> Vec<TokenStream> {
    params
        .iter()
        .map(|(index, value)| {
            let setter = parameters[*index].field.to_ident();
            let argument = match value {
                ParamValue::String(s) => quote!(#s),
                ParamValue::Boolean(b) => quote!(#b),
                ParamValue::StringArray(items) => quote!(::std::vec![#( ::std::string::String::from(#items) ),*]),
            };
            quote!(.#setter(#argument))
        })
        .collect()
}

/// The checks of a case that expects an endpoint: headers and properties compare regardless of
/// order.
fn endpoint_check(endpoint: &ExpectedEndpoint) -> TokenStream {
    let url = &endpoint.url;
    let mut headers = endpoint.headers.clone();
    headers.sort();
    let headers_check = if headers.is_empty() {
        quote!(assert!(endpoint.headers().is_empty(), "unexpected headers {:?}", endpoint.headers());)
    } else {
        let expected = headers.iter().map(|(name, values)| {
            quote!((::std::string::String::from(#name), ::std::vec![#( ::std::string::String::from(#values) ),*]))
        });
        quote! {
            let mut headers = endpoint.headers().to_vec();
            headers.sort();
            assert_eq!(headers, ::std::vec![#( #expected ),*]);
        }
    };
    let mut properties: Vec<&(String, Document<String>)> = endpoint.properties.iter().collect();
    properties.sort_by(|a, b| a.0.cmp(&b.0));
    let properties_check = if properties.is_empty() {
        quote!(assert!(endpoint.properties().is_empty(), "unexpected properties {:?}", endpoint.properties());)
    } else {
        let names = properties.iter().map(|(name, _)| name.as_str());
        let checks = properties.iter().map(|(name, value)| {
            let expected = document_literal(value);
            quote! {
                let actual = endpoint.property(#name).expect("the property is set");
                assert!(support::same_document(actual, &#expected), "property {}: {:?}", #name, actual);
            }
        });
        quote! {
            let names: ::std::vec::Vec<&str> = endpoint.properties().names().collect();
            assert_eq!(names, [#( #names ),*]);
            #( #checks )*
        }
    };
    quote! {
        let endpoint = resolve(&params).expect("the rule set resolves an endpoint");
        assert_eq!(endpoint.url(), #url);
        #headers_check
        #properties_check
    }
}

/// A `Document` literal, as tests expect it.
fn document_literal(value: &Document<String>) -> TokenStream {
    let document = quote!(::smithy_rt::primitives::Document);
    let number = quote!(::smithy_rt::primitives::Number);
    match value {
        Document::Null => quote!(#document::Null),
        Document::Bool(b) => quote!(#document::Bool(#b)),
        Document::Number(Number::PosInt(u)) => quote!(#document::Number(#number::PosInt(#u))),
        Document::Number(Number::NegInt(i)) => quote!(#document::Number(#number::NegInt(#i))),
        Document::Number(Number::Float(f)) => quote!(#document::Number(#number::Float(#f))),
        Document::String(s) => quote!(#document::String(::std::string::String::from(#s))),
        Document::Array(items) => {
            let items = items.iter().map(document_literal);
            quote!(#document::Array(::std::vec![#( #items ),*]))
        }
        Document::Object(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = document_literal(v);
                quote!((::std::string::String::from(#k), #v))
            });
            quote!(#document::Object(::std::iter::FromIterator::from_iter([#( #entries ),*])))
        }
    }
}
