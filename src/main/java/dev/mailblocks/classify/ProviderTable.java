package dev.mailblocks.classify;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Finds the provider of a remote host by its longest matching host suffix. */
public final class ProviderTable {

    private final Map<String, Provider> byId;
    private final Map<String, Provider> bySuffix;

    public ProviderTable(List<Provider> providers) {
        this.byId = providers.stream().collect(Collectors.toUnmodifiableMap(Provider::id, Function.identity()));
        this.bySuffix = providers.stream()
                .flatMap(p -> p.hosts().stream().map(h -> Map.entry(h.toLowerCase(Locale.ROOT), p)))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }

    /** The provider id of a host name, or {@code null}. */
    public String providerOf(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String h = host.toLowerCase(Locale.ROOT);
        while (true) {
            Provider p = bySuffix.get(h);
            if (p != null) {
                return p.id();
            }
            int dot = h.indexOf('.');
            if (dot < 0) {
                return null;
            }
            h = h.substring(dot + 1);
        }
    }

    /** A provider by id. */
    public Optional<Provider> byId(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** Every provider. */
    public java.util.Collection<Provider> all() {
        return java.util.Collections.unmodifiableCollection(byId.values());
    }

    /** Whether a provider id is known. */
    public boolean contains(String id) {
        return byId.containsKey(id);
    }
}
