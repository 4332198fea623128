from django.urls import path

from articles import feeds, front_views, views

app_name = "articles"

urlpatterns = [
    path("", front_views.FrontPageView.as_view(), name="front"),
    path("latest/", views.ArticleListView.as_view(), name="list"),
    path("sections/", front_views.SectionIndexView.as_view(), name="sections"),
    path("tags/", front_views.TagIndexView.as_view(), name="tags"),
    path("speakers/", front_views.SpeakerIndexView.as_view(), name="speakers"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("preview/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("tags/<slug:slug>/", views.TagArticleListView.as_view(), name="tag"),
    path("sources/<str:domain>/", views.SourceArticleListView.as_view(), name="source"),
    path("sections/<str:section>/", views.SectionArticleListView.as_view(), name="section"),
    path("speakers/<slug:slug>/", views.SpeakerDetailView.as_view(), name="speaker"),
    path("quotes/", views.QuoteListView.as_view(), name="quotes"),
    # Feeds: RSS at .../feed/, Atom at .../feed/atom/.
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="feed_atom"),
    path("tags/<slug:slug>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("tags/<slug:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag_feed_atom"),
    path("sources/<str:domain>/feed/", feeds.SourceFeed(), name="source_feed"),
    path("sources/<str:domain>/feed/atom/", feeds.SourceAtomFeed(), name="source_feed_atom"),
    path("sections/<str:section>/feed/", feeds.SectionFeed(), name="section_feed"),
    path("sections/<str:section>/feed/atom/", feeds.SectionAtomFeed(), name="section_feed_atom"),
]
