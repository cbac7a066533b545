//! A real IMAP server for the tests: Debian's dovecot (`dovecot-imapd`, installed by
//! `.ci/run`), started by the test on 127.0.0.1 with its configuration, mail, a
//! throwaway CA and a certificate all in a temp folder, and stopped by the test: only
//! the instance it started (`dovecot -c ITS_CONFIG stop`, then the child itself).

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

pub struct Dovecot {
    dir: tempfile::TempDir,
    child: Option<Child>,
    pub plain_port: u16,
    pub tls_port: u16,
    pub user: String,
    pub password: String,
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

fn run(program: &str, args: &[&str], dir: &Path) {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A CA (`ca.pem`) and a certificate for localhost and 127.0.0.1 it signed.
fn certificates(dir: &Path) {
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    let mut ca = vec![
        "req", "-x509", "-days", "2", "-keyout", "ca.key", "-out", "ca.pem",
    ];
    ca.extend(ec);
    ca.extend([
        "-subj",
        "/CN=baosong test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    run("openssl", &ca, dir);
    let mut csr = vec![
        "req",
        "-keyout",
        "key.pem",
        "-out",
        "server.csr",
        "-subj",
        "/CN=localhost",
    ];
    csr.extend(ec);
    run("openssl", &csr, dir);
    std::fs::write(
        dir.join("ext.cnf"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    let sign = [
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "cert.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    ];
    run("openssl", &sign, dir);
}

impl Dovecot {
    /// Starts a server with one user; panics with what to install when dovecot is missing.
    pub fn start(user: &str, password: &str) -> Dovecot {
        let binary = Path::new("/usr/sbin/dovecot");
        assert!(
            binary.exists(),
            "dovecot is not installed: apt-get install dovecot-imapd (.ci/run does)"
        );
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // The mail processes run as dovecot's own user, which must reach the home.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).unwrap();
        certificates(root);
        std::fs::create_dir_all(root.join("run")).unwrap();
        std::fs::create_dir_all(root.join("home")).unwrap();
        std::fs::write(
            root.join("users"),
            format!("{user}:{{PLAIN}}{password}::::::\n"),
        )
        .unwrap();
        let is_root = my_uid() == 0;
        let (internal, login, mail_user) = if is_root {
            (
                "dovecot".to_owned(),
                "dovenull".to_owned(),
                "dovecot".to_owned(),
            )
        } else {
            let me = std::env::var("USER").unwrap_or_else(|_| "nobody".into());
            (me.clone(), me.clone(), me)
        };
        if is_root {
            run("chown", &["-R", "dovecot:dovecot", "home"], root);
        }
        let (plain_port, tls_port) = (free_port(), free_port());
        let r = root.display();
        let config = format!(
            "base_dir = {r}/run\nstate_dir = {r}/run\nlog_path = {r}/dovecot.log\nprotocols = imap\nlisten = 127.0.0.1\nfirst_valid_uid = 1\nfirst_valid_gid = 1\nssl = yes\nssl_cert = <{r}/cert.pem\nssl_key = <{r}/key.pem\nauth_mechanisms = plain login\ndisable_plaintext_auth = no\ndefault_internal_user = {internal}\ndefault_login_user = {login}\npassdb {{\n  driver = passwd-file\n  args = scheme=PLAIN {r}/users\n}}\nuserdb {{\n  driver = static\n  args = uid={mail_user} gid={mail_user} home={r}/home/%u\n}}\nmail_location = maildir:~/Maildir\nservice imap-login {{\n  inet_listener imap {{\n    address = 127.0.0.1\n    port = {plain_port}\n  }}\n  inet_listener imaps {{\n    address = 127.0.0.1\n    port = {tls_port}\n    ssl = yes\n  }}\n}}\n"
        );
        std::fs::write(root.join("dovecot.conf"), config).unwrap();
        let child = Command::new(binary)
            .args(["-F", "-c"])
            .arg(root.join("dovecot.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start dovecot");
        let server = Dovecot {
            dir,
            child: Some(child),
            plain_port,
            tls_port,
            user: user.into(),
            password: password.into(),
        };
        server.wait_ready();
        server
    }

    fn wait_ready(&self) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if TcpStream::connect(("127.0.0.1", self.plain_port)).is_ok()
                && TcpStream::connect(("127.0.0.1", self.tls_port)).is_ok()
            {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let log = std::fs::read_to_string(self.dir.path().join("dovecot.log")).unwrap_or_default();
        panic!("dovecot did not start: {log}");
    }

    /// The throwaway CA that signed the server's certificate.
    pub fn ca(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    /// `imaps://USER@localhost:PORT/INBOX`.
    pub fn url(&self) -> String {
        format!("imaps://{}@localhost:{}/INBOX", self.user, self.tls_port)
    }

    fn session(&self) -> imap::Session<TcpStream> {
        let tcp = TcpStream::connect(("127.0.0.1", self.plain_port)).unwrap();
        let mut client = imap::Client::new(tcp);
        client.read_greeting().unwrap();
        client
            .login(&self.user, &self.password)
            .map_err(|(e, _)| e)
            .unwrap()
    }

    /// Puts `mails` into INBOX, each with its send time as INTERNALDATE, `\Seen` when
    /// its flag says so (as mails already read in the webmail are).
    pub fn append(&self, mails: &[(Vec<u8>, DateTime<FixedOffset>, bool)]) {
        let mut session = self.session();
        for (bytes, date, seen) in mails {
            let mut append = session.append("INBOX", bytes);
            append.internal_date(*date);
            if *seen {
                append.flag(imap::types::Flag::Seen);
            }
            append.finish().unwrap();
        }
        session.logout().unwrap();
    }

    /// Each mail's UID and flags, as the server keeps them.
    pub fn flags(&self) -> Vec<(u32, Vec<String>)> {
        let mut session = self.session();
        session.examine("INBOX").unwrap();
        let fetches = session.uid_fetch("1:*", "FLAGS").unwrap();
        let mut out: Vec<(u32, Vec<String>)> = fetches
            .iter()
            .map(|f| {
                let mut flags: Vec<String> = f.flags().iter().map(|x| format!("{x:?}")).collect();
                flags.sort();
                (f.uid.unwrap(), flags)
            })
            .collect();
        out.sort();
        session.logout().unwrap();
        out
    }
}

fn my_uid() -> u32 {
    use std::os::unix::fs::MetadataExt;
    // The owner of a file this process just made is this process's user.
    let probe = tempfile::NamedTempFile::new().unwrap();
    probe.as_file().metadata().unwrap().uid()
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        let _ = Command::new("/usr/sbin/dovecot")
            .arg("-c")
            .arg(self.dir.path().join("dovecot.conf"))
            .arg("stop")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if let Some(mut child) = self.child.take() {
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(10) {
                if let Ok(Some(_)) = child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
