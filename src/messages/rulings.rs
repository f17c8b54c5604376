//! Withdrawals and vetoes.

use super::help::{Example, Help, example_of, help};

super::catalogue! {
    // What a withdrawal is called and does, for messages and the journal.
    withdrawal_noun() => "退出参评", "a withdrawal";
    withdrawal_revoking() => "撤销退出参评", "revoking a withdrawal";
    /// The journal's summary of a withdrawal.
    withdrawn(unit: &str) => "{unit} 退出参评", "{unit} withdrawn from the campaign";
    /// The journal's summary of a revoked withdrawal.
    withdrawal_revoked(unit: &str, seq: u64) =>
        "{unit} 恢复参评（撤销日志第 {seq} 条）", "{unit} no longer withdrawn from the campaign (revoking journal entry #{seq})";
    already_withdrawn(unit: &str, operator: &str, seq: u64, reason: &str) =>
        "单位 `{unit}` 已由 {operator} 在日志第 {seq} 条退出参评：{reason}",
        "unit `{unit}` was already withdrawn from the campaign by {operator} in journal entry #{seq}: {reason}";
    not_withdrawn(unit: &str) =>
        "单位 `{unit}` 没有退出参评，无可撤销", "unit `{unit}` is not withdrawn from the campaign; there is nothing to revoke";

    veto_noun() => "一票否决", "a veto";
    veto_revoking() => "撤销一票否决", "revoking a veto";
    /// The journal's summary of a veto.
    vetoed(unit: &str) => "{unit} 被一票否决", "{unit} vetoed (一票否决)";
    /// The journal's summary of a lifted veto.
    veto_revoked(unit: &str, seq: u64) =>
        "撤销对 {unit} 的一票否决（日志第 {seq} 条）", "{unit} no longer vetoed (一票否决) (revoking journal entry #{seq})";
    already_vetoed(unit: &str, operator: &str, seq: u64, reason: &str) =>
        "单位 `{unit}` 已由 {operator} 在日志第 {seq} 条一票否决：{reason}",
        "unit `{unit}` was already vetoed (一票否决) by {operator} in journal entry #{seq}: {reason}";
    not_vetoed(unit: &str) =>
        "单位 `{unit}` 没有被一票否决，无可撤销", "unit `{unit}` is not vetoed (一票否决); there is nothing to revoke";

    disqualification_noun() => "取消参评资格", "a disqualification";
    disqualification_revoking() => "撤销取消参评资格的决定", "revoking a disqualification";
    /// The journal's summary of a disqualification.
    disqualified(unit: &str) => "取消 {unit} 的参评资格", "{unit} disqualified (取消参评资格)";
    /// The journal's summary of a revoked disqualification.
    disqualification_revoked(unit: &str, seq: u64) =>
        "恢复 {unit} 的参评资格（撤销日志第 {seq} 条）", "{unit} no longer disqualified (revoking journal entry #{seq})";
    already_disqualified(unit: &str, operator: &str, seq: u64, reason: &str) =>
        "单位 `{unit}` 已由 {operator} 在日志第 {seq} 条取消参评资格：{reason}",
        "unit `{unit}` was already disqualified by {operator} in journal entry #{seq}: {reason}";
    not_disqualified(unit: &str) =>
        "单位 `{unit}` 没有被取消参评资格，无可撤销", "unit `{unit}` is not disqualified; there is nothing to revoke";
    needs_step(ruling: &str, unit: &str, step: &str) =>
        "单位 `{unit}` 还没有{step}，不能{ruling}", "{ruling} of unit `{unit}` needs its {step} first";
    bad_accountable(text: &str) =>
        "`--accountable {text}` 应写成 `姓名:处理方式`", "`--accountable {text}` is not `NAME:ACTION`";
    accountable_hint() =>
        "如 `--accountable \"张三:诫勉谈话\"`；追究多人时，每人写一个 `--accountable`",
        "such as `--accountable \"张三:诫勉谈话\"`; one `--accountable` per person";
    not_a_head(name: &str, unit: &str, heads: &str) =>
        "被追责的 {name} 不是单位 `{unit}` 登记的党政主要负责人（{heads}），仍予记录",
        "{name}, held accountable, is not a head of unit `{unit}` in the register ({heads}); recorded all the same";

    basis_of(ruling: &str) => "{ruling}的依据", "what {ruling} rests on";
    revoke_first(command: &str, unit: &str) =>
        "如需更改，请先用 `{command} {unit} --revoke --reason \"…\"` 撤销",
        "to change it, revoke it first with `{command} {unit} --revoke --reason \"…\"`";
    standing_hint() => "`banzi status` 可查看各单位的参评情况", "`banzi status` shows each unit's standing";

    /// Who decided, when, in which entry, and on what basis.
    attributed(operator: &str, time: &str, seq: u64, basis: &str) =>
        "{operator}，{time}，日志第 {seq} 条{basis}", "{operator}, {time}, journal entry #{seq}{basis}";
    basis(basis: &str) => "；依据：{basis}", "; basis: {basis}";
}

pub const HELP: &[Help] = &[
    help(
        "withdraw",
        "让单位退出参评并写明理由，其记录保留；加 --revoke 则该单位恢复参评",
        "Withdraw a unit from the campaign (退出参评) with the reason; its records are kept. With --revoke, the unit takes part again",
    ),
    help("withdraw <unit>", "单位代码", "The unit's code"),
    help(
        "withdraw --reason",
        "理由，记入日志并显示在初步名单上",
        "Why, for the journal and the preliminary list",
    ),
    help(
        "withdraw --revoke",
        "撤销现行的退出参评，并写明理由",
        "Revoke the withdrawal in force, with the reason",
    ),
    help(
        "veto",
        "对单位一票否决：不论分数如何都不列入初步名单；加 --revoke 则撤销现行的一票否决",
        "Veto a unit (一票否决): it is kept off the preliminary list whatever its figures. With --revoke, lift the veto in force",
    ),
    help("veto <unit>", "单位代码", "The unit's code"),
    help(
        "veto --reason",
        "理由，记入日志并显示在初步名单上",
        "Why, for the journal and the preliminary list",
    ),
    help(
        "veto --basis",
        "一票否决所依据的文件或查实情况，如事故调查报告的文号",
        "The document or finding the veto rests on, e.g. an accident report's number",
    ),
    help(
        "veto --revoke",
        "撤销现行的一票否决，并写明理由",
        "Lift the veto in force, with the reason",
    ),
    help(
        "disqualify",
        "经查实弄虚作假、搞形式主义的，取消单位参评资格（在制定方案之后的任何阶段），写明理由和证据，可追究责任人；加 --revoke 则撤销",
        "Disqualify a unit (取消参评资格) for verified fraud or formalism, at any step after its plan, with the reason, the evidence and the persons held accountable. With --revoke, undo it",
    ),
    help("disqualify <unit>", "单位代码", "The unit's code"),
    help(
        "disqualify --reason",
        "理由，记入日志并显示在各名单上",
        "Why, for the journal and every list",
    ),
    help(
        "disqualify --evidence",
        "所依据的证据，如核查报告及其日期",
        "The evidence it rests on, e.g. the verification report and its date",
    ),
    help(
        "disqualify --accountable",
        "被追究责任的人及处理方式，写成 `姓名:处理方式`，每人一个；通常是该单位的党政主要负责人",
        "A person held accountable and the action, as `NAME:ACTION`, once per person; normally one of the unit's heads",
    ),
    help(
        "disqualify --revoke",
        "撤销现行的取消参评资格决定，并写明理由",
        "Revoke the disqualification in force, with the reason",
    ),
];

pub const EXAMPLES: &[Example] = &[
    example_of(
        "withdraw",
        &[
            "banzi withdraw D05 --reason \"机构改革撤并\"",
            "banzi withdraw D05 --revoke --reason \"撤并决定已撤回\"",
        ],
    ),
    example_of(
        "veto",
        &[
            "banzi veto C04 --reason \"发生重大安全生产责任事故\" --basis \"X安调〔2026〕3号\"",
            "banzi veto C04 --revoke --reason \"经复核责任不在该单位\"",
        ],
    ),
    example_of(
        "disqualify",
        &[
            "banzi disqualify C02 --reason \"自评报告虚报工作指标完成情况\" --evidence \"核查报告（2026年12月10日）\" --accountable \"张三:诫勉谈话\"",
            "banzi disqualify C02 --revoke --reason \"经复核举报不实\"",
        ],
    ),
];
