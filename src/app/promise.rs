//! A value that arrives later, outside the frame loop: a file the browser reads asynchronously
//! (its picker or a drop), the result of writing a PNG from a screenshot callback. The frame loop
//! polls the [`Promise`]; the task or callback holds the [`Resolver`].

use std::sync::{Arc, Mutex};

/// The receiving end: polled once per frame until the value is there.
pub struct Promise<T>(Arc<Mutex<Option<T>>>);

/// The sending end, moved into the task or callback that produces the value.
pub struct Resolver<T>(Arc<Mutex<Option<T>>>);

impl<T> Promise<T> {
    /// A promise and the resolver that fulfils it.
    pub fn new() -> (Self, Resolver<T>) {
        let slot = Arc::new(Mutex::new(None));
        (Self(Arc::clone(&slot)), Resolver(slot))
    }
}

impl<T> Resolver<T> {
    /// Delivers the value. (A resolver dropped unused, e.g. a cancelled browser dialog, leaves
    /// its promise pending.)
    pub fn resolve(self, value: T) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(value);
        }
    }
}

/// The value of the pending promise in `pending`, once it has arrived; the promise is then
/// forgotten.
pub fn poll<T>(pending: &mut Option<Promise<T>>) -> Option<T> {
    let value = pending.as_ref()?.0.lock().ok()?.take()?;
    *pending = None;
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_promise_is_pending_until_resolved_then_taken_once() {
        let (promise, resolver) = Promise::new();
        let mut pending = Some(promise);
        assert_eq!(poll(&mut pending), None::<u8>);
        assert!(pending.is_some());
        std::thread::spawn(move || resolver.resolve(7))
            .join()
            .unwrap();
        assert_eq!(poll(&mut pending), Some(7));
        assert!(pending.is_none());
        assert_eq!(poll(&mut pending), None);
    }
}
