package io.quotaflow.limit;

/**
 * A reserved request that will not be sent: its job began stopping while it waited for its slot, a 429
 * pause or (in nonce mode) the key's previous request. Its slot has been given back.
 */
public class SendStoppedException extends Exception {

    public SendStoppedException() {
        super("not sent: the job is stopping");
    }
}
