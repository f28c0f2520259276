//! [`Named`]: values by name, in name order.

/// Values by name, in name order: a vector kept sorted, which serves as a map for the few
/// dozen names an endpoint's properties or a profile file hold, with a small part of a map's
/// code (a `BTreeMap` per value type compiles to some 6 KB, in every crate that uses it).
#[derive(Clone, PartialEq, Eq)]
pub struct Named<T>(::std::vec::Vec<(::std::string::String, T)>);

impl<T> ::std::default::Default for Named<T> {
    fn default() -> Self {
        Named(::std::vec::Vec::new())
    }
}

impl<T> Named<T> {
    fn position(&self, name: &str) -> ::std::result::Result<usize, usize> {
        self.0.binary_search_by(|(key, _)| key.as_str().cmp(name))
    }

    /// The value named `name`.
    pub fn get(&self, name: &str) -> ::std::option::Option<&T> {
        self.position(name).ok().map(|index| &self.0[index].1)
    }

    /// Every name and value, in name order.
    pub fn iter(&self) -> impl ::std::iter::ExactSizeIterator<Item = (&str, &T)> {
        self.0.iter().map(|(name, value)| (name.as_str(), value))
    }

    /// Every name, in order.
    pub fn names(&self) -> impl ::std::iter::ExactSizeIterator<Item = &str> {
        self.0.iter().map(|(name, _)| name.as_str())
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Set `name` to `value`, replacing what it was.
    pub fn insert(&mut self, name: ::std::string::String, value: T) {
        match self.position(&name) {
            ::std::result::Result::Ok(index) => self.0[index].1 = value,
            ::std::result::Result::Err(index) => self.0.insert(index, (name, value)),
        }
    }

    /// The value named `name`, a default one added if there is none.
    pub fn entry(&mut self, name: &str) -> &mut T
    where
        T: ::std::default::Default,
    {
        let index = match self.position(name) {
            ::std::result::Result::Ok(index) => index,
            ::std::result::Result::Err(index) => {
                self.0.insert(index, (name.to_string(), T::default()));
                index
            }
        };
        &mut self.0[index].1
    }

    /// Every name and value, in name order, taken.
    pub fn into_entries(self) -> ::std::vec::Vec<(::std::string::String, T)> {
        self.0
    }
}

impl<T: ::std::fmt::Debug> ::std::fmt::Debug for Named<T> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}
