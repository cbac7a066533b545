//! TLS to the mailbox server (rustls with ring): the server's certificate verified
//! against the system's roots (Windows' certificate store, the system bundle elsewhere),
//! or against one private CA given as a PEM file (`--ca`), never skipped.

use std::io;
use std::net::TcpStream;
use std::path::Path;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};

/// A TLS stream to the server, its handshake done.
pub type TlsStream = StreamOwned<ClientConnection, TcpStream>;

/// Why no TLS session could be had.
#[derive(Debug)]
pub enum TlsFailure {
    /// The `--ca` file could not be read or holds no certificate.
    Ca(String),
    /// The system's roots could not be loaded.
    Roots(String),
    /// The server's certificate was refused: not signed by a trusted root, expired, or
    /// for another name.
    Certificate(String),
    /// The server closed the connection during the handshake.
    Closed,
    /// Any other failure of the handshake (the server spoke no TLS).
    Handshake(String),
}

/// The roots to trust: the `ca` file's certificates alone when given, else the system's.
fn roots(ca: Option<&Path>) -> Result<RootCertStore, TlsFailure> {
    let mut store = RootCertStore::empty();
    if let Some(ca) = ca {
        let certs: Vec<CertificateDer> = CertificateDer::pem_file_iter(ca)
            .map_err(|e| TlsFailure::Ca(e.to_string()))?
            .collect::<Result<_, _>>()
            .map_err(|e| TlsFailure::Ca(e.to_string()))?;
        let (added, _) = store.add_parsable_certificates(certs);
        if added == 0 {
            return Err(TlsFailure::Ca(String::new()));
        }
        return Ok(store);
    }
    let found = rustls_native_certs::load_native_certs();
    let (added, _) = store.add_parsable_certificates(found.certs);
    if added == 0 {
        let why = found
            .errors
            .first()
            .map(|e| e.to_string())
            .unwrap_or_default();
        return Err(TlsFailure::Roots(why));
    }
    Ok(store)
}

/// Opens TLS over `tcp` to `host` and completes the handshake, so that a refused
/// certificate is told apart from a server that says nothing.
// ring's provider is marked deprecated for lacking post-quantum key exchange, which
// 126/163/QQ's IMAP servers do not offer; aws-lc-rs, which has it, needs minutes of C
// compilation on 2 cores.
#[allow(deprecated)]
pub fn connect(tcp: TcpStream, host: &str, ca: Option<&Path>) -> Result<TlsStream, TlsFailure> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsFailure::Handshake(e.to_string()))?
        .with_root_certificates(roots(ca)?)
        .with_no_client_auth();
    let name =
        ServerName::try_from(host.to_owned()).map_err(|e| TlsFailure::Handshake(e.to_string()))?;
    let connection = ClientConnection::new(Arc::new(config), name)
        .map_err(|e| TlsFailure::Handshake(e.to_string()))?;
    let mut stream = StreamOwned::new(connection, tcp);
    while stream.conn.is_handshaking() {
        if let Err(e) = stream.conn.complete_io(&mut stream.sock) {
            return Err(classify(e));
        }
    }
    Ok(stream)
}

fn classify(error: io::Error) -> TlsFailure {
    use io::ErrorKind::{ConnectionAborted, ConnectionReset, UnexpectedEof};
    if matches!(
        error.kind(),
        UnexpectedEof | ConnectionReset | ConnectionAborted
    ) {
        return TlsFailure::Closed;
    }
    let text = error.to_string();
    let refused = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        .is_some_and(|e| matches!(e, rustls::Error::InvalidCertificate(_)));
    if refused {
        TlsFailure::Certificate(text)
    } else {
        TlsFailure::Handshake(text)
    }
}
