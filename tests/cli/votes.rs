//! The annual assessment and the democratic evaluation, said in both languages.
