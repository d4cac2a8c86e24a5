/**
 * The LIBERO bridge's client: the real LIBERO simulator (MuJoCo, in Python) driven through the toolkit's
 * {@link dev.srpo.env.Env} API, so evaluators and trainers run on it unchanged.
 *
 * <p>A LIBERO server ({@code environments/libero-server}, Python) serves environments over WebSocket + msgpack
 * (its {@code PROTOCOL.md}). {@link LiberoClient} is one connection to one server; {@link LiberoEnv} is one
 * environment on it; {@link LiberoPool} spreads environments over several servers (processes or hosts), each
 * known only by its address, so a cluster engine (Ray) can later start the servers and hand the addresses in;
 * {@link LiberoServer} starts a local server process from the project's {@code .venv-libero}.
 */
package dev.srpo.libero;
