"""MSAL Python (Debian's python3-msal), unchanged, driven by msal-python.test.ts.

One scenario per run, as JSON in argv[1]; it talks to the test over stdout/stdin, one JSON object
per line, and ends with {"result": ...} or {"error": ...}. Configuration only, as its users write it:
authority, verify (the local CA file), instance_discovery=False (the host is not Microsoft's).
"""

import json
import sys

import msal

scenario = json.loads(sys.argv[1])


def say(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def hear():
    return json.loads(sys.stdin.readline())


def options(**extra):
    settings = {
        "authority": scenario["authority"],
        # Kept across runs as its users keep it (a file, a keyring): serializable.
        "token_cache": msal.SerializableTokenCache(),
        "verify": scenario["ca"],
        "instance_discovery": False,
    }
    # A proxy is ordinary configuration (requests' proxies): see the test for why ROPC needs one here.
    if scenario.get("proxy"):
        settings["proxies"] = {"https": scenario["proxy"]}
    settings.update(extra)
    return settings


def credential():
    if scenario.get("certificate"):
        return {
            "private_key": scenario["certificate"]["privateKey"],
            "thumbprint": scenario["certificate"]["thumbprint"],
        }
    return scenario.get("clientSecret")


def silent_refresh(app, scopes):
    """The cache, serialized and read back by a new application, refreshes without the user."""
    cache = msal.SerializableTokenCache()
    cache.deserialize(app.token_cache.serialize())
    again = (
        msal.ConfidentialClientApplication(
            scenario["clientId"], client_credential=credential(), **options(token_cache=cache)
        )
        if scenario.get("clientSecret")
        else msal.PublicClientApplication(scenario["clientId"], **options(token_cache=cache))
    )
    accounts = again.get_accounts()
    if not accounts:
        return {"error": "no_account_in_cache"}
    return again.acquire_token_silent(scopes, account=accounts[0], force_refresh=True)


def run():
    kind = scenario["kind"]
    scopes = scenario["scopes"]
    if kind == "client-credentials":
        app = msal.ConfidentialClientApplication(
            scenario["clientId"], client_credential=credential(), **options()
        )
        return {"token": app.acquire_token_for_client(scopes=scopes)}
    if kind == "auth-code":
        app = msal.ConfidentialClientApplication(
            scenario["clientId"], client_credential=credential(), **options()
        )
        flow = app.initiate_auth_code_flow(scopes, redirect_uri=scenario["redirectUri"])
        say({"authUri": flow["auth_uri"]})
        response = hear()
        token = app.acquire_token_by_auth_code_flow(flow, response)
        return {"token": token, "refreshed": silent_refresh(app, scopes)}
    if kind == "device-code":
        app = msal.PublicClientApplication(scenario["clientId"], **options())
        flow = app.initiate_device_flow(scopes=scopes)
        say({"flow": flow})
        return {"token": app.acquire_token_by_device_flow(flow)}
    if kind == "username-password":
        app = (
            msal.ConfidentialClientApplication(
                scenario["clientId"], client_credential=credential(), **options()
            )
            if scenario.get("clientSecret")
            else msal.PublicClientApplication(scenario["clientId"], **options())
        )
        token = app.acquire_token_by_username_password(
            scenario["username"], scenario["password"], scopes=scopes
        )
        refreshed = silent_refresh(app, scopes) if "access_token" in token else None
        return {"token": token, "refreshed": refreshed}
    raise ValueError("unknown scenario " + kind)


try:
    say({"result": run()})
except Exception as error:  # What the application would see: the message and what caused it.
    cause = error.__cause__ or error.__context__
    say({"error": {"type": type(error).__name__, "message": str(error), "cause": str(cause or "")}})
