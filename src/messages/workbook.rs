//! Lists exported as workbooks (`--xlsx FILE`).

super::catalogue! {
}
