import type { Os } from '../io/os.js';

/**
 * What to tell a user whose keychain module (keytar) did not load, from the loader's error. keytar
 * is an optional dependency: `npm install` carries on without it where it cannot be built (no
 * prebuilt binary reachable, no libsecret development files), and only the features that keep a
 * secret in the OS keychain say what to install.
 */
export function keytarLoadMessage(reason: string, os: Os | undefined): string {
  const head = `The keychain module (keytar) could not be loaded: ${reason}.`;
  if (/Cannot find (module|package) '?keytar/i.test(reason)) {
    const build: Record<Os, string> = {
      linux:
        "its build needs libsecret's development files and a compiler: sudo apt-get install libsecret-1-dev g++ make python3 (Fedora: libsecret-devel gcc-c++ make; Arch: libsecret base-devel)",
      darwin: "its build needs Apple's command line tools: xcode-select --install",
      win32: 'its build needs the Visual Studio Build Tools (C++ workload) and Python',
    };
    const how = os ? build[os] : 'its build needs a C++ toolchain (and libsecret-1-dev on Linux)';
    return `${head} It is optional and was not installed: no prebuilt binary could be downloaded, and ${how}. Install that, then reinstall claude-auth-doctor (npm install -g claude-auth-doctor, or npm install in a checkout). Everything but storing an API key in the keychain works without it.`;
  }
  if (/libsecret|cannot open shared object/i.test(reason))
    return `${head} Install the Secret Service client library: sudo apt-get install libsecret-1-0 (Fedora and Arch: libsecret).`;
  if (/NODE_MODULE_VERSION|was compiled against|ERR_DLOPEN_FAILED/i.test(reason))
    return `${head} It was built for another Node or Electron: run npm rebuild keytar (electron-builder rebuilds it for the app on npm run dist).`;
  return head;
}
