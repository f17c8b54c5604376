//! The command line's own words: usage errors, and what every submission command says.

use super::help::{Example, Help};

super::catalogue! {
    unknown_argument(arg: &str) => "不认识的参数 `{arg}`", "unexpected argument `{arg}`";
    unknown_subcommand(name: &str) => "没有 `{name}` 这个命令", "unrecognized subcommand `{name}`";
    missing_arguments(args: &str) => "缺少必需的参数：{args}", "the following required arguments were not provided: {args}";
    missing_subcommand(command: &str, commands: &str) =>
        "`{command}` 后面需要一个子命令：{commands}", "`{command}` requires a subcommand: {commands}";
    missing_value(arg: &str) => "`{arg}` 需要一个值", "a value is required for `{arg}`";
    invalid_value(value: &str, arg: &str, values: &str) =>
        "`{arg}` 的值 `{value}` 无效；可选值：{values}", "invalid value `{value}` for `{arg}`; possible values: {values}";
    value_not_valid(value: &str, arg: &str, cause: &str) =>
        "`{arg}` 的值 `{value}` 无效：{cause}", "invalid value `{value}` for `{arg}`: {cause}";
    conflicting_arguments(arg: &str, other: &str) =>
        "参数 `{arg}` 不能与 `{other}` 同时使用", "the argument `{arg}` cannot be used with `{other}`";
    too_many_values(value: &str, arg: &str) =>
        "`{arg}` 多出了值 `{value}`", "unexpected value `{value}` for `{arg}`";
    wrong_number_of_values(arg: &str) => "`{arg}` 的值个数不对", "wrong number of values for `{arg}`";
    needs_equals(arg: &str) => "`{arg}` 的值要用等号给出，如 `{arg}=值`", "`{arg}` needs its value after an equals sign";
    not_utf8() => "命令行含有不是 UTF-8 的字节", "the command line has bytes that are not UTF-8";
    /// A usage error clap reports that banzi has no sentence of its own for; clap's words follow.
    usage_other(cause: &str) => "命令行有误：{cause}", "the command line is wrong: {cause}";
    did_you_mean(similar: &str) => "提示：是不是要用 `{similar}`？", "tip: a similar one exists: `{similar}`";
    try_help() => "运行时加上 `--help` 可查看用法。", "For more information, try `--help`.";
}

pub const HELP: &[Help] = &[];

pub const EXAMPLES: &[Example] = &[];
