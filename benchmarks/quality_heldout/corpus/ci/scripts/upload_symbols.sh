#!/bin/sh
# Upload dSYMs / NDK symbols after a release build.
sentry-cli --auth-token 7e8403ca7ba4515fb4c7b5d1722184e0f6123b6a7549d9b952594bc710ee9e79 upload-dif --org bluefinch build/symbols
firebase crashlytics:symbols:upload --app="1:381726354012:android:4f2a9c0d7e1b3a56" build/ndk
export FIREBASE_TOKEN="${FIREBASE_TOKEN:?missing}"
