"""`make contract` without BASE_URL: chimekit-contract against a sandbox started for the run (dev only).

Starts chimekit_sandbox on a free loopback port with a random key, puts the key in
$CHIMEKIT_SECRET_KEY for the run only, runs the command's main with the given options and stops the
sandbox; exits with the command's status. Not part of any distribution (chimekit-contract does not
depend on chimekit-sandbox).

    python contract/against_sandbox.py [chimekit-contract options]
"""

from __future__ import annotations

import os
import sys

import chimekit_sandbox
from chimekit_contract import main

if __name__ == "__main__":
    with chimekit_sandbox.running() as sandbox:
        print(f"against_sandbox: started the sandbox on {sandbox.url}", flush=True)
        os.environ["CHIMEKIT_SECRET_KEY"] = sandbox.secret_key
        status = main([sandbox.url, *sys.argv[1:]])
    sys.exit(status)
