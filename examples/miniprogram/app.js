// The smallest mini program that hosts the contact page (examples/miniprogram/README.md).
App({});
