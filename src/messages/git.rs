//! History through git: why a change banzi made was not also committed to git.

super::catalogue! {
    /// A change journaled but not committed to git; `problem` is one of the entries below.
    not_committed(cite: &str, problem: &str) =>
        "改动已记入{cite}，但没有提交到 git：{problem}",
        "the change is recorded in {cite} but was not committed to git: {problem}";
    not_a_work_tree(dir: &str) =>
        "`{dir}` 不在 git 工作区内（先 `git init`，或在 campaign.toml 中关掉 `[git] autocommit`）",
        "`{dir}` is not inside a git work tree (run `git init`, or turn off `[git] autocommit` in campaign.toml)";
    git_not_run(error: &str) => "无法运行 git（{error}）", "cannot run git ({error})";
    git_failed(said: &str) => "git 报错：{said}", "git said: {said}";
}
