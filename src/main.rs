fn main() -> std::process::ExitCode {
    banzi::cli::run()
}
