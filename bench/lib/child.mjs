// Child processes for servers and the fake API: fork, wait for the first IPC message, stop cleanly.
import { fork } from 'node:child_process';

/**
 * Forks `script` (a URL) with `args` and resolves with `{ child, message }` once the child sends its
 * first message (`{ error }` in it rejects). Rejects if the child exits first.
 */
export function startChild(script, args = [], execArgv = []) {
  return new Promise((resolve, reject) => {
    const child = fork(script, args, { execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const onExit = (code) => reject(new Error(`${script.pathname} ${args.join(' ')} exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      if (message?.error) {
        stopChild(child);
        reject(new Error(message.error));
      } else resolve({ child, message });
    });
  });
}

/**
 * Asks a child a question over IPC: sends `{ id, ...request }`, resolves with the reply's `value`.
 * Rejects if the child answers `{ error }`, exits first, or stays silent for `timeoutMs`, so a
 * crashed worker fails its row instead of hanging the run.
 */
export function ask(child, request, timeoutMs = 120_000) {
  const id = Math.random().toString(36).slice(2);
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message) => {
      if (message?.id !== id) return;
      done();
      if (message.error) reject(new Error(message.error));
      else resolve(message.value);
    };
    const onExit = (code, signal) => {
      done();
      reject(new Error(`the child process exited (${signal ?? code}) before answering ${request.cmd}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no answer to ${request.cmd} within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send({ id, ...request });
  });
}

/** Disconnects (children exit on disconnect) and waits for the exit; SIGKILL after 3 s. */
export function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.disconnect();
    else child.kill('SIGTERM');
  });
}
