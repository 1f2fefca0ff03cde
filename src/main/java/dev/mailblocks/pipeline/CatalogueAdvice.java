package dev.mailblocks.pipeline;

import dev.mailblocks.classify.Catalogue;
import dev.mailblocks.classify.CatalogueEntry;
import dev.mailblocks.classify.Provider;
import dev.mailblocks.model.Category;
import dev.mailblocks.report.AdviceLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The report stage's lookup into the catalogue: advice, links and providers. */
public final class CatalogueAdvice implements AdviceLookup {

    private final Catalogue catalogue;
    private final Map<String, CatalogueEntry> entries;

    public CatalogueAdvice(Catalogue catalogue) {
        this.catalogue = catalogue;
        this.entries = catalogue.entries().stream()
                .collect(Collectors.toMap(CatalogueEntry::id, Function.identity(), (a, b) -> b));
    }

    @Override
    public Advice advice(String patternId, String category, String provider) {
        CatalogueEntry e = patternId == null ? null : entries.get(patternId);
        String text = e != null ? e.advice() : Category.byId(category).map(catalogue::adviceFor).orElse("");
        List<String> links = new ArrayList<>(e == null ? List.of() : e.links());
        String providerId = provider != null ? provider : e == null ? null : e.provider();
        String page = postmasterPage(providerId);
        if (page != null && !links.contains(page)) {
            links.add(page);
        }
        return new Advice(text == null ? "" : text, links);
    }

    @Override
    public String providerOf(String host) {
        return catalogue.providers().providerOf(host);
    }

    @Override
    public String providerName(String id) {
        return catalogue.providers().byId(id).map(Provider::name).filter(n -> !n.isBlank()).orElse(id);
    }

    @Override
    public String postmasterPage(String id) {
        return catalogue.providers().byId(id).map(Provider::postmaster).filter(u -> u != null && !u.isBlank())
                .orElse(null);
    }
}
